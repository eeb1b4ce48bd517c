package dev.microlith.platform.hub;

/** Thrown when a route pattern is registered while an equal pattern is already registered. */
public class DuplicateRouteException extends IllegalArgumentException {

	public DuplicateRouteException(String message) {
		super(message);
	}

}
