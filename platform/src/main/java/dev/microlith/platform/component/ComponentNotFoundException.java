package dev.microlith.platform.component;

/** Thrown when an operation names a component that is not deployed. */
public class ComponentNotFoundException extends RuntimeException {

	public ComponentNotFoundException(String message) {
		super(message);
	}

}
