package dev.microlith.platform.storage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

import org.mapdb.BTreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The committed state of one table in memory: its records, key order, secondary indexes
 * and expiry order, with the MapDB map that persists it.
 * <p>
 * Readers use the maps directly from any thread. Only the writer thread changes them,
 * after the write is durable, so readers never see an uncommitted record.
 */
final class TableState {

	private volatile TableDefinition definition;

	private final ConcurrentHashMap<Object, StoredRecord> records = new ConcurrentHashMap<>();

	private final NavigableSet<Object> keys = new ConcurrentSkipListSet<>(SecondaryIndex::compareKeys);

	private volatile List<SecondaryIndex> indexes = List.of();

	/** Keys by the sequence of their last write, oldest first: the order in which they expire. */
	private final NavigableMap<Long, Object> writeOrder = new ConcurrentSkipListMap<>();

	/** The persisted records; only the writer thread uses it, and compaction replaces it. */
	BTreeMap<Object, byte[]> stored;

	/** The JSON bytes of all records, an estimate of the live data for compaction. */
	private volatile long jsonBytes;

	/** The largest long key used so far; only the writer thread uses it. */
	long lastLongKey;

	TableState(TableDefinition definition, BTreeMap<Object, byte[]> stored) {
		this.definition = definition;
		this.stored = stored;
	}

	String name() {
		return this.definition.name();
	}

	TableDefinition definition() {
		return this.definition;
	}

	void redefine(TableDefinition definition) {
		this.definition = definition;
	}

	KeyType keyType() {
		return this.definition.keyType();
	}

	List<SecondaryIndex> indexes() {
		return this.indexes;
	}

	SecondaryIndex index(String field) {
		for (SecondaryIndex index : this.indexes) {
			if (index.field().equals(field)) {
				return index;
			}
		}
		return null;
	}

	void replaceIndexes(List<SecondaryIndex> indexes) {
		this.indexes = List.copyOf(indexes);
	}

	/** Returns the live record under {@code key}, or {@code null} when absent or expired. */
	StoredRecord get(Object key) {
		StoredRecord record = this.records.get(key);
		return (record != null && !isExpired(record, System.currentTimeMillis())) ? record : null;
	}

	/** Returns the record under {@code key} even when expired, or {@code null}. */
	StoredRecord getIncludingExpired(Object key) {
		return this.records.get(key);
	}

	boolean isExpired(StoredRecord record, long nowMillis) {
		Duration timeToLive = this.definition.timeToLive();
		return timeToLive != null && record.writtenAtMillis() + timeToLive.toMillis() <= nowMillis;
	}

	long jsonBytes() {
		return this.jsonBytes;
	}

	long count() {
		return this.records.size();
	}

	NavigableSet<Object> keys() {
		return this.keys;
	}

	NavigableMap<Long, Object> writeOrder() {
		return this.writeOrder;
	}

	Map<Object, StoredRecord> records() {
		return this.records;
	}

	/**
	 * Applies a committed write: {@code next} replaces the record under {@code key}, or
	 * removes it when it is a deletion. Called by the writer thread only.
	 */
	void apply(Object key, StoredRecord next) {
		StoredRecord previous = this.records.get(key);
		updateIndexes(key, previous, next);
		this.jsonBytes += ((next.json != null) ? next.json.length : 0) - ((previous != null) ? previous.json.length : 0);
		if (!next.isDeletion()) {
			this.records.put(key, next);
			this.keys.add(key);
			this.writeOrder.put(next.sequence, key);
		}
		else {
			this.keys.remove(key);
			this.records.remove(key);
		}
		if (previous != null) {
			this.writeOrder.remove(previous.sequence);
		}
		if (key instanceof Long value && value > this.lastLongKey) {
			this.lastLongKey = value;
		}
	}

	/** Loads a record read from disk at start-up. Called by the writer thread only. */
	void load(Object key, StoredRecord record) {
		this.jsonBytes += record.json.length;
		this.records.put(key, record);
		this.keys.add(key);
		this.writeOrder.put(record.sequence, key);
		if (key instanceof Long value && value > this.lastLongKey) {
			this.lastLongKey = value;
		}
	}

	private void updateIndexes(Object key, StoredRecord previous, StoredRecord next) {
		if (this.indexes.isEmpty()) {
			return;
		}
		JsonNode old = (previous != null) ? Json.readTree(previous.json) : null;
		JsonNode current = next.isDeletion() ? null : Json.readTree(next.json);
		for (SecondaryIndex index : this.indexes) {
			index.update(key, old, current);
		}
	}

}
