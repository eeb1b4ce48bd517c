package dev.microlith.platform.cli;

/**
 * A failed CLI command; its message is printed as the command's only output on standard
 * error, and the command exits with status 1.
 */
class CliException extends RuntimeException {

	CliException(String message) {
		super(message);
	}

	CliException(String message, Throwable cause) {
		super(message, cause);
	}

}
