package dev.microlith.sdk.table;

import java.util.Objects;

/**
 * One committed write, as the change feed delivers it.
 * <p>
 * {@code timestamp} is a hybrid logical clock value: the upper 48 bits are milliseconds
 * since the Unix epoch, the lower 16 bits a counter that orders writes within one
 * millisecond. It never decreases, even when the wall clock goes back.
 * @param table the table written to
 * @param key the record's key
 * @param operation what the write did
 * @param value the record after the write, or {@code null} for {@link Operation#DELETE}
 * @param version the record's version after the write; for a delete, the deleted version
 * @param sequence the node-wide commit sequence, strictly increasing in feed order
 * @param timestamp the write's hybrid logical clock timestamp
 */
public record Change<K, V>(String table, K key, Operation operation, V value, long version, long sequence,
		long timestamp) {

	public Change {
		Objects.requireNonNull(table, "'table' must not be null");
		Objects.requireNonNull(key, "'key' must not be null");
		Objects.requireNonNull(operation, "'operation' must not be null");
	}

	/** What a write did to a record. */
	public enum Operation {

		/** The key was absent and now holds a record. */
		INSERT,

		/** The key held a record that was replaced or patched. */
		UPDATE,

		/** The record was removed, by a caller or because its time to live passed. */
		DELETE

	}

}
