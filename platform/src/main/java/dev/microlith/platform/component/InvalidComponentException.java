package dev.microlith.platform.component;

/**
 * Thrown when a component jar cannot be deployed because of its content: not a jar, a
 * corrupt zip, a missing or invalid descriptor, an unsafe entry name, a forbidden call, or
 * an entry class that is missing or not a component.
 */
public class InvalidComponentException extends RuntimeException {

	public InvalidComponentException(String message) {
		super(message);
	}

	public InvalidComponentException(String message, Throwable cause) {
		super(message, cause);
	}

}
