package dev.microlith.platform.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of the tasks that share one commit, staged until the commit is durable.
 * Used by the writer thread only.
 */
final class WriteBatch {

	/** Staged records by table and key; a deletion is a {@link StoredRecord#isDeletion() deletion} marker. */
	final Map<TableState, Map<Object, StoredRecord>> staged = new LinkedHashMap<>();

	final List<LoggedChange> changes = new ArrayList<>();

	final HybridLogicalClock clock;

	/** The sequence the next change gets. */
	long nextSequence;

	WriteBatch(long nextSequence, HybridLogicalClock clock) {
		this.nextSequence = nextSequence;
		this.clock = clock;
	}

	boolean isEmpty() {
		return this.staged.isEmpty() && this.changes.isEmpty();
	}

	StoredRecord staged(TableState table, Object key) {
		Map<Object, StoredRecord> records = this.staged.get(table);
		return (records != null) ? records.get(key) : null;
	}

}
