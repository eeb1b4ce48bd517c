package dev.microlith.sdk.http;

/**
 * Registers a component's HTTP routes. A path pattern is a path whose segments may be
 * variables, such as {@code /cities/{id}}; the last segment may be {@code **} to match
 * any remaining path.
 * <p>
 * Paths under {@code /api}, {@code /ops}, {@code /hub}, {@code /actuator}, {@code /admin}
 * and {@code /rsocket} belong to the node. A route that another component already serves
 * fails the start with an error that names both components.
 */
public interface HttpRoutes {

	/** Routes {@code method} requests to {@code pathPattern} to {@code handler}. */
	HttpRoutes route(String method, String pathPattern, HttpHandler handler);

	default HttpRoutes get(String pathPattern, HttpHandler handler) {
		return route("GET", pathPattern, handler);
	}

	default HttpRoutes post(String pathPattern, HttpHandler handler) {
		return route("POST", pathPattern, handler);
	}

	default HttpRoutes put(String pathPattern, HttpHandler handler) {
		return route("PUT", pathPattern, handler);
	}

	default HttpRoutes patch(String pathPattern, HttpHandler handler) {
		return route("PATCH", pathPattern, handler);
	}

	default HttpRoutes delete(String pathPattern, HttpHandler handler) {
		return route("DELETE", pathPattern, handler);
	}

}
