package dev.microlith.sdk.table;

/** Thrown when a compare-and-set or conditional write finds another version than expected. */
public class VersionConflictException extends TableException {

	public VersionConflictException(String message) {
		super(message);
	}

	public VersionConflictException(String message, Throwable cause) {
		super(message, cause);
	}

}
