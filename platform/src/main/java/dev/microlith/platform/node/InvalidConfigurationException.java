package dev.microlith.platform.node;

/**
 * Thrown at start-up when the node's configuration names a property it does not know or
 * has a value it cannot use.
 */
public class InvalidConfigurationException extends RuntimeException {

	private final String action;

	public InvalidConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	/** Returns what the operator should do about the problem. */
	public String action() {
		return this.action;
	}

}
