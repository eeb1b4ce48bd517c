package dev.microlith.platform.hub;

/** Thrown when an RSocket request names a route that no handler serves. */
public class RouteNotFoundException extends RuntimeException {

	public RouteNotFoundException(String message) {
		super(message);
	}

}
