package dev.microlith.sdk.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;

/** An HTTP request routed to a component. */
public interface HttpRequest {

	/** Returns the method in upper case, such as {@code GET}. */
	String method();

	/** Returns the decoded request path, without the query string. */
	String path();

	/** Returns the value of a variable of the route's path pattern. */
	Optional<String> pathVariable(String name);

	/** Returns the first value of a query parameter. */
	Optional<String> queryParam(String name);

	/** Returns every query parameter with all its values, in request order. */
	Map<String, List<String>> queryParams();

	/** Returns the first value of a header, matched without regard to case. */
	Optional<String> header(String name);

	/** Returns the request body; empty when there is none. */
	Mono<byte[]> body();

	/**
	 * Returns the request body read from JSON as {@code type}.
	 * @return the value, or an error {@link HttpStatusException} with status 400 that
	 * names the problem when the body is not valid JSON for {@code type}
	 */
	<T> Mono<T> bodyAs(Class<T> type);

}
