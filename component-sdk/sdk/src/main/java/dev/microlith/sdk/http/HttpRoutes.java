package dev.microlith.sdk.http;

import dev.microlith.sdk.Access;

/**
 * Registers a component's HTTP routes. A path pattern is a path whose segments may be
 * variables, such as {@code /cities/{id}}; the last segment may be {@code **} to match
 * any remaining path.
 * <p>
 * Paths under {@code /api}, {@code /ops}, {@code /hub}, {@code /actuator}, {@code /admin},
 * {@code /auth} and {@code /rsocket} belong to the node. A route that another component
 * already serves fails the start with an error that names both components.
 * <p>
 * Each route has an {@link Access} rule that the node checks before the handler runs; a
 * route registered without one needs an authenticated caller.
 */
public interface HttpRoutes {

	/** Routes {@code method} requests to {@code pathPattern} to {@code handler}, for callers that {@code access} admits. */
	HttpRoutes route(String method, String pathPattern, Access access, HttpHandler handler);

	/** Routes {@code method} requests to {@code pathPattern} to {@code handler}, for authenticated callers. */
	default HttpRoutes route(String method, String pathPattern, HttpHandler handler) {
		return route(method, pathPattern, Access.AUTHENTICATED, handler);
	}

	default HttpRoutes get(String pathPattern, HttpHandler handler) {
		return route("GET", pathPattern, handler);
	}

	default HttpRoutes get(String pathPattern, Access access, HttpHandler handler) {
		return route("GET", pathPattern, access, handler);
	}

	default HttpRoutes post(String pathPattern, HttpHandler handler) {
		return route("POST", pathPattern, handler);
	}

	default HttpRoutes post(String pathPattern, Access access, HttpHandler handler) {
		return route("POST", pathPattern, access, handler);
	}

	default HttpRoutes put(String pathPattern, HttpHandler handler) {
		return route("PUT", pathPattern, handler);
	}

	default HttpRoutes put(String pathPattern, Access access, HttpHandler handler) {
		return route("PUT", pathPattern, access, handler);
	}

	default HttpRoutes patch(String pathPattern, HttpHandler handler) {
		return route("PATCH", pathPattern, handler);
	}

	default HttpRoutes patch(String pathPattern, Access access, HttpHandler handler) {
		return route("PATCH", pathPattern, access, handler);
	}

	default HttpRoutes delete(String pathPattern, HttpHandler handler) {
		return route("DELETE", pathPattern, handler);
	}

	default HttpRoutes delete(String pathPattern, Access access, HttpHandler handler) {
		return route("DELETE", pathPattern, access, handler);
	}

}
