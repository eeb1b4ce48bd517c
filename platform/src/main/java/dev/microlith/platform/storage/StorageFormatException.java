package dev.microlith.platform.storage;

import dev.microlith.sdk.table.TableException;

/** Thrown when the storage directory contains a newer or foreign format; nothing in it was changed. */
public class StorageFormatException extends TableException {

	public StorageFormatException(String message) {
		super(message);
	}

	public StorageFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
