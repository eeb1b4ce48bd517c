package dev.microlith.platform.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.microlith.sdk.table.Change.Operation;

/**
 * The writes of one task (a single write or a transaction) inside a {@link WriteBatch}.
 * <p>
 * Reads see the task's own writes, then those of earlier tasks in the batch, then the
 * committed state. A task that throws leaves the batch as it found it. Used by the writer
 * thread only.
 */
final class WriteScope {

	private final WriteBatch batch;

	private final long startSequence;

	private final long nowMillis = System.currentTimeMillis();

	private final Map<TableState, Map<Object, StoredRecord>> staged = new LinkedHashMap<>();

	private final List<LoggedChange> changes = new ArrayList<>();

	WriteScope(WriteBatch batch) {
		this.batch = batch;
		this.startSequence = batch.nextSequence;
	}

	/**
	 * Returns the live record under {@code key} as this task sees it, or {@code null}. A
	 * committed record whose time to live has passed is deleted here, with its change.
	 */
	StoredRecord current(TableState table, Object key) {
		StoredRecord own = stagedHere(table, key);
		if (own != null) {
			return own.isDeletion() ? null : own;
		}
		StoredRecord batched = this.batch.staged(table, key);
		if (batched != null) {
			return batched.isDeletion() ? null : batched;
		}
		StoredRecord committed = table.getIncludingExpired(key);
		if (committed != null && table.isExpired(committed, this.nowMillis)) {
			delete(table, key, committed);
			return null;
		}
		return committed;
	}

	/** Stores {@code json} under {@code key}, creating or replacing the record. */
	StoredRecord write(TableState table, Object key, byte[] json) {
		StoredRecord previous = current(table, key);
		long version = (previous != null) ? previous.version + 1 : 1;
		Operation operation = (previous != null) ? Operation.UPDATE : Operation.INSERT;
		StoredRecord record = new StoredRecord(json, version, this.batch.nextSequence++, this.batch.clock.tick());
		stage(table, key, record, operation, json);
		if (key instanceof Long value && value > table.lastLongKey) {
			table.lastLongKey = value;
		}
		return record;
	}

	/** Deletes the record under {@code key}; returns the deleted record, or {@code null}. */
	StoredRecord delete(TableState table, Object key) {
		StoredRecord previous = current(table, key);
		if (previous != null) {
			delete(table, key, previous);
		}
		return previous;
	}

	/** Returns a key for a new record of a table with long keys: one more than the largest used. */
	long nextLongKey(TableState table) {
		table.lastLongKey++;
		return table.lastLongKey;
	}

	/** Moves this task's writes into the batch, after the task succeeded. */
	void merge() {
		this.staged.forEach((table, records) -> this.batch.staged
			.computeIfAbsent(table, (key) -> new LinkedHashMap<>())
			.putAll(records));
		this.batch.changes.addAll(this.changes);
	}

	/** Drops this task's writes and gives their sequences back, after the task failed. */
	void discard() {
		this.batch.nextSequence = this.startSequence;
	}

	private void delete(TableState table, Object key, StoredRecord previous) {
		StoredRecord deletion = StoredRecord.deletion(previous.version, this.batch.nextSequence++,
				this.batch.clock.tick());
		stage(table, key, deletion, Operation.DELETE, null);
	}

	private void stage(TableState table, Object key, StoredRecord record, Operation operation, byte[] json) {
		this.staged.computeIfAbsent(table, (name) -> new HashMap<>()).put(key, record);
		this.changes.add(new LoggedChange(table.name(), table.keyType(), key, operation, json, record.version,
				record.sequence, record.timestamp));
	}

	private StoredRecord stagedHere(TableState table, Object key) {
		Map<Object, StoredRecord> records = this.staged.get(table);
		return (records != null) ? records.get(key) : null;
	}

}
