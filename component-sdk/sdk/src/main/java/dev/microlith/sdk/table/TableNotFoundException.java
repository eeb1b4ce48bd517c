package dev.microlith.sdk.table;

/** Thrown when a table name is unknown to the node. */
public class TableNotFoundException extends TableException {

	public TableNotFoundException(String message) {
		super(message);
	}

	public TableNotFoundException(String message, Throwable cause) {
		super(message, cause);
	}

}
