package dev.microlith.sdk.rsocket;

import java.util.function.BiFunction;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.microlith.sdk.Access;

/**
 * Registers a component's RSocket routes. A route is a dot-separated name whose segments
 * may be variables, such as {@code chat.rooms.{room}.join}. Routes starting with
 * {@code hub.} or {@code tables.} belong to the node. Returned values are sent as JSON.
 * Handlers must not block.
 * <p>
 * Each route has an {@link Access} rule that the node checks before the handler runs,
 * against the caller of the connection or of the request; a route registered without one
 * needs an authenticated caller.
 */
public interface RSocketRoutes {

	RSocketRoutes requestResponse(String route, Access access, Function<RSocketRequest, Mono<?>> handler);

	RSocketRoutes requestStream(String route, Access access, Function<RSocketRequest, Flux<?>> handler);

	/**
	 * Registers a request-channel route. The handler receives the first request and the
	 * stream of every request that follows it.
	 */
	RSocketRoutes requestChannel(String route, Access access,
			BiFunction<RSocketRequest, Flux<RSocketRequest>, Flux<?>> handler);

	RSocketRoutes fireAndForget(String route, Access access, Function<RSocketRequest, Mono<Void>> handler);

	default RSocketRoutes requestResponse(String route, Function<RSocketRequest, Mono<?>> handler) {
		return requestResponse(route, Access.AUTHENTICATED, handler);
	}

	default RSocketRoutes requestStream(String route, Function<RSocketRequest, Flux<?>> handler) {
		return requestStream(route, Access.AUTHENTICATED, handler);
	}

	default RSocketRoutes requestChannel(String route, BiFunction<RSocketRequest, Flux<RSocketRequest>, Flux<?>> handler) {
		return requestChannel(route, Access.AUTHENTICATED, handler);
	}

	default RSocketRoutes fireAndForget(String route, Function<RSocketRequest, Mono<Void>> handler) {
		return fireAndForget(route, Access.AUTHENTICATED, handler);
	}

}
