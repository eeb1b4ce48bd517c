package dev.microlith.platform.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One record as the node keeps it: its JSON bytes and the metadata of its last write.
 * <p>
 * On disk a record is a fixed header followed by the JSON text: one format byte
 * ({@value #FORMAT}), then version, commit sequence and hybrid logical clock timestamp
 * as big-endian 64-bit integers, then the UTF-8 JSON. Instances are immutable, apart from
 * a cached decoded value that is only set for types whose instances are immutable.
 */
final class StoredRecord {

	static final byte FORMAT = 1;

	private static final int HEADER = 1 + 3 * Long.BYTES;

	/** The record's JSON, never modified; {@code null} for a deletion staged in a write batch. */
	final byte[] json;

	final long version;

	final long sequence;

	final long timestamp;

	private volatile CachedValue cached;

	StoredRecord(byte[] json, long version, long sequence, long timestamp) {
		this.json = json;
		this.version = version;
		this.sequence = sequence;
		this.timestamp = timestamp;
	}

	/** Wraps JSON that carries no write metadata, such as a record in the change log. */
	static StoredRecord fromJson(byte[] json) {
		return new StoredRecord(json, 0, 0, 0);
	}

	static StoredRecord deletion(long version, long sequence, long timestamp) {
		return new StoredRecord(null, version, sequence, timestamp);
	}

	boolean isDeletion() {
		return this.json == null;
	}

	/** Returns the wall-clock milliseconds of the write, from the upper 48 bits of the timestamp. */
	long writtenAtMillis() {
		return this.timestamp >>> 16;
	}

	byte[] encode() {
		ByteBuffer buffer = ByteBuffer.allocate(HEADER + this.json.length);
		buffer.put(FORMAT).putLong(this.version).putLong(this.sequence).putLong(this.timestamp).put(this.json);
		return buffer.array();
	}

	static StoredRecord decode(byte[] stored) {
		ByteBuffer buffer = ByteBuffer.wrap(stored);
		byte format = buffer.get();
		if (format != FORMAT) {
			throw new StorageFormatException("Unknown record format " + format + ": expected " + FORMAT
					+ "; the store was written by a newer Microlith, so open it with that version");
		}
		long version = buffer.getLong();
		long sequence = buffer.getLong();
		long timestamp = buffer.getLong();
		return new StoredRecord(Arrays.copyOfRange(stored, HEADER, stored.length), version, sequence, timestamp);
	}

	/** Returns the decoded value cached for {@code type}, or {@code null}. */
	Object cachedValue(Class<?> type) {
		CachedValue value = this.cached;
		return (value != null && value.type == type) ? value.value : null;
	}

	void cacheValue(Class<?> type, Object value) {
		this.cached = new CachedValue(type, value);
	}

	private record CachedValue(Class<?> type, Object value) {
	}

}
