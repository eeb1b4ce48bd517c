package dev.microlith.platform.hub;

/** Thrown when a request uses an RSocket interaction model that its route does not serve. */
public class UnsupportedInteractionException extends RuntimeException {

	public UnsupportedInteractionException(String message) {
		super(message);
	}

}
