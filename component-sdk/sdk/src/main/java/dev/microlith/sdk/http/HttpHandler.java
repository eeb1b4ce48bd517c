package dev.microlith.sdk.http;

import reactor.core.publisher.Mono;

/**
 * Handles one HTTP request of a component. Handlers run on the node's event loop, so
 * they must not block: do slow work through a {@code Mono} or on the component's executor.
 * An exception or error signal becomes a 500 problem response carrying an error id that
 * is also logged; an {@link HttpStatusException} becomes a response with its status.
 */
@FunctionalInterface
public interface HttpHandler {

	Mono<HttpResponse> handle(HttpRequest request) throws Exception;

}
