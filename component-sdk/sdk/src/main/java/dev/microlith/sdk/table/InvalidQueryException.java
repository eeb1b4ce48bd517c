package dev.microlith.sdk.table;

/** Thrown when a query names an unknown field, or compares a field with a value of the wrong type. */
public class InvalidQueryException extends TableException {

	public InvalidQueryException(String message) {
		super(message);
	}

	public InvalidQueryException(String message, Throwable cause) {
		super(message, cause);
	}

}
