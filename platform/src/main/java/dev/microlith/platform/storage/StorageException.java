package dev.microlith.platform.storage;

import dev.microlith.sdk.table.TableException;

/**
 * Thrown when the store cannot read or write its files, such as when the disk is full or
 * not writable. The write that failed was not applied, and earlier writes are intact.
 */
public class StorageException extends TableException {

	public StorageException(String message) {
		super(message);
	}

	public StorageException(String message, Throwable cause) {
		super(message, cause);
	}

}
