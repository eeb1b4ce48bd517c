package dev.microlith.platform.storage;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the write-ahead log into MapDB at start-up: the changes after MapDB's last
 * committed sequence, in order, then one MapDB commit, then the log is emptied.
 */
final class LogReplay {

	private static final Logger logger = LoggerFactory.getLogger(LogReplay.class);

	private LogReplay() {
	}

	static void replay(WriteAheadLog log, MapDbStore store) {
		long committed = Long.parseLong(store.meta().getOrDefault(Writer.LAST_SEQUENCE, "0"));
		long lastTimestamp = Long.parseLong(store.meta().getOrDefault(Writer.LAST_TIMESTAMP, "0"));
		int replayed = 0;
		for (List<LoggedChange> batch : log.readBatches()) {
			for (LoggedChange change : batch) {
				if (change.sequence() > committed) {
					apply(store, change);
					committed = change.sequence();
					lastTimestamp = Math.max(lastTimestamp, change.timestamp());
					replayed++;
				}
			}
		}
		if (replayed > 0) {
			store.meta().put(Writer.LAST_SEQUENCE, Long.toString(committed));
			store.meta().put(Writer.LAST_TIMESTAMP, Long.toString(lastTimestamp));
			store.commit();
			logger.info("Replayed {} changes from the write-ahead log, up to sequence {}", replayed, committed);
		}
		try {
			log.clear();
		}
		catch (IOException ex) {
			throw new StorageException("Cannot empty the write-ahead log after replaying it: " + ex
					+ "; check that the data directory is writable", ex);
		}
	}

	private static void apply(MapDbStore store, LoggedChange change) {
		var table = store.table(change.table(), change.keyType());
		if (change.json() == null) {
			table.remove(change.key());
		}
		else {
			table.put(change.key(), new StoredRecord(change.json(), change.version(), change.sequence(),
					change.timestamp()).encode());
		}
		store.changes().put(change.sequence(), change.encode());
	}

}
