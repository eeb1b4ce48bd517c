package dev.microlith.platform.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes records whose time to live has passed, through the ordinary write path so that
 * each deletion is committed, versioned and appears in the change feed.
 * <p>
 * Reads already hide an expired record; the sweep makes the deletion durable and visible
 * to feeds. A record expires at its last write's timestamp plus the table's time to live,
 * so the oldest writes expire first and a sweep stops at the first live record.
 */
final class ExpirySweeper implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(ExpirySweeper.class);

	private static final int MAX_KEYS_PER_WRITE = 1000;

	private final Supplier<Collection<TableState>> tables;

	private final Writer writer;

	ExpirySweeper(Supplier<Collection<TableState>> tables, Writer writer) {
		this.tables = tables;
		this.writer = writer;
	}

	@Override
	public void run() {
		try {
			for (TableState table : this.tables.get()) {
				if (table.definition().timeToLive() != null) {
					sweep(table);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.error("Deleting expired records failed; retrying at the next sweep", ex);
		}
	}

	private void sweep(TableState table) {
		List<Object> expired = expiredKeys(table, System.currentTimeMillis());
		while (!expired.isEmpty()) {
			List<Object> keys = expired;
			WriteTask<Integer> task = this.writer.submit(WriteTask.of((scope) -> {
				// current() deletes a record it finds expired; a record written since is kept.
				keys.forEach((key) -> scope.current(table, key));
				return keys.size();
			}));
			join(task);
			logger.debug("Deleted up to {} expired records of table '{}'", keys.size(), table.name());
			expired = (keys.size() < MAX_KEYS_PER_WRITE) ? List.of() : expiredKeys(table, System.currentTimeMillis());
		}
	}

	private List<Object> expiredKeys(TableState table, long nowMillis) {
		List<Object> keys = new ArrayList<>();
		for (Map.Entry<Long, Object> entry : table.writeOrder().entrySet()) {
			StoredRecord record = table.getIncludingExpired(entry.getValue());
			if (record == null || record.sequence != entry.getKey()) {
				continue;
			}
			if (!table.isExpired(record, nowMillis) || keys.size() == MAX_KEYS_PER_WRITE) {
				break;
			}
			keys.add(entry.getValue());
		}
		return keys;
	}

	private static void join(WriteTask<Integer> task) {
		try {
			task.result().join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

}
