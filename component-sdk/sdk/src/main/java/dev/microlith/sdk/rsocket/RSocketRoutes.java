package dev.microlith.sdk.rsocket;

import java.util.function.BiFunction;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registers a component's RSocket routes. A route is a dot-separated name whose segments
 * may be variables, such as {@code chat.rooms.{room}.join}. Routes starting with
 * {@code hub.} or {@code tables.} belong to the node. Returned values are sent as JSON.
 * Handlers must not block.
 */
public interface RSocketRoutes {

	RSocketRoutes requestResponse(String route, Function<RSocketRequest, Mono<?>> handler);

	RSocketRoutes requestStream(String route, Function<RSocketRequest, Flux<?>> handler);

	/**
	 * Registers a request-channel route. The handler receives the first request and the
	 * stream of every request that follows it.
	 */
	RSocketRoutes requestChannel(String route, BiFunction<RSocketRequest, Flux<RSocketRequest>, Flux<?>> handler);

	RSocketRoutes fireAndForget(String route, Function<RSocketRequest, Mono<Void>> handler);

}
