package dev.microlith.sdk.table;

import java.util.Objects;

/**
 * A stored record with the metadata of the write that produced it.
 * @param key the record's key
 * @param value the record, a copy owned by the caller
 * @param version how many times this key has been written, starting at 1
 * @param sequence the node-wide commit sequence of the write
 * @param timestamp the hybrid logical clock timestamp of the write (see {@link Change})
 */
public record Row<K, V>(K key, V value, long version, long sequence, long timestamp) {

	public Row {
		Objects.requireNonNull(key, "'key' must not be null");
		Objects.requireNonNull(value, "'value' must not be null");
	}

}
