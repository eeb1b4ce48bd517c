package dev.microlith.sdk.table;

/** The base of every table error; its message names the table, the value and what to do. */
public class TableException extends RuntimeException {

	public TableException(String message) {
		super(message);
	}

	public TableException(String message, Throwable cause) {
		super(message, cause);
	}

}
