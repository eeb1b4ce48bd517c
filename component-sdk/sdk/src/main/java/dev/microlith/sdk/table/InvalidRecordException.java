package dev.microlith.sdk.table;

/** Thrown when a record or key does not match the table's declaration, or exceeds the size limit. */
public class InvalidRecordException extends TableException {

	public InvalidRecordException(String message) {
		super(message);
	}

	public InvalidRecordException(String message, Throwable cause) {
		super(message, cause);
	}

}
