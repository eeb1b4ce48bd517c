package dev.microlith.platform.hub;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.microlith.platform.security.Requirement;
import dev.microlith.sdk.rsocket.RSocketRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Routes served on the node's RSocket endpoints (TCP and WebSocket) beside the node's own
 * {@code hub.*} and {@code tables.*} routes. The component runtime registers each
 * component's routes here.
 */
public interface RSocketRouteRegistry {

	/**
	 * Registers {@code handler} for {@code pattern}, a dot-separated route whose segments may
	 * be variables ({@code chat.{room}.join}).
	 * @param owner the name of the registering component, used in errors and metrics
	 * @param access what a request on the route needs from its caller, from the values of
	 * the route's variables; checked before the handler runs
	 * @return a registration whose {@code close()} removes the route
	 * @throws IllegalArgumentException when the pattern is invalid, reserved for the node, or
	 * already registered by another owner (the message names that owner)
	 */
	Registration register(String owner, String pattern, RouteHandler handler,
			Function<Map<String, String>, Requirement> access);

	/** Removes a route when closed. */
	interface Registration extends AutoCloseable {

		@Override
		void close();

	}

	/** A route's handler, one kind per RSocket interaction model. */
	sealed interface RouteHandler {

		record RequestResponse(Function<RSocketRequest, Mono<?>> handler) implements RouteHandler {
		}

		record RequestStream(Function<RSocketRequest, Flux<?>> handler) implements RouteHandler {
		}

		record RequestChannel(BiFunction<RSocketRequest, Flux<RSocketRequest>, Flux<?>> handler)
				implements RouteHandler {
		}

		record FireAndForget(Function<RSocketRequest, Mono<Void>> handler) implements RouteHandler {
		}

	}

}
