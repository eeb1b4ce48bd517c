package dev.microlith.platform.hub;

/** Thrown when a payload that must be JSON is not a single valid JSON value. */
public class InvalidJsonException extends IllegalArgumentException {

	public InvalidJsonException(String message, Throwable cause) {
		super(message, cause);
	}

}
