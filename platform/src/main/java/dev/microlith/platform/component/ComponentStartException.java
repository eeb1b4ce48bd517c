package dev.microlith.platform.component;

/**
 * Thrown when a component fails to start: a missing or failed requirement, an entry class
 * that cannot be created, an exception or linkage error from {@code start}, or a start
 * that exceeds the start timeout.
 */
public class ComponentStartException extends RuntimeException {

	public ComponentStartException(String message) {
		super(message);
	}

	public ComponentStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
