package dev.microlith.platform.node;

import java.nio.file.Path;

/**
 * Thrown at start-up when the data directory cannot be created, written or locked.
 */
public class DataDirectoryException extends RuntimeException {

	private final Path directory;

	private final String action;

	public DataDirectoryException(Path directory, String message, String action, Throwable cause) {
		super(message, cause);
		this.directory = directory;
		this.action = action;
	}

	/** Returns the data directory, as an absolute path. */
	public Path directory() {
		return this.directory;
	}

	/** Returns what the operator should do about the failure. */
	public String action() {
		return this.action;
	}

}
