package dev.microlith.sdk.table;

/** Thrown when a write that needs an existing record finds none. */
public class RecordNotFoundException extends TableException {

	public RecordNotFoundException(String message) {
		super(message);
	}

	public RecordNotFoundException(String message, Throwable cause) {
		super(message, cause);
	}

}
