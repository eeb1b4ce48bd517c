package dev.microlith.sdk.table;

/** Thrown when an insert names a key that already holds a record. */
public class DuplicateKeyException extends TableException {

	public DuplicateKeyException(String message) {
		super(message);
	}

	public DuplicateKeyException(String message, Throwable cause) {
		super(message, cause);
	}

}
