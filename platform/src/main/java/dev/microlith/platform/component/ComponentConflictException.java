package dev.microlith.platform.component;

/**
 * Thrown when a component claims something another component owns: its name, a table or
 * a route. The message names both components.
 */
public class ComponentConflictException extends RuntimeException {

	public ComponentConflictException(String message) {
		super(message);
	}

	public ComponentConflictException(String message, Throwable cause) {
		super(message, cause);
	}

}
