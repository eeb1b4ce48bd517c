package dev.microlith.platform.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.VersionConflictException;

import static dev.microlith.platform.storage.TestRecords.table;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads increment counters under the same keys, by atomic update and by
 * compare-and-set, while others read them. Each increment also bumps the version, so in
 * any serial order a record's count equals its version; the checks follow from that.
 */
class ConcurrencyTests {

	private static final int KEYS = 6;

	private static final int WRITERS = 8;

	private static final int WRITES_PER_WRITER = 100;

	private static final int READERS = 3;

	@TempDir
	Path directory;

	record Counter(long count, String writer) {
	}

	@Test
	void incrementsAreSerializable() throws Exception {
		try (StorageEngine engine = StorageEngine.open(this.directory, TestRecords.properties())) {
			engine.declare(table("counters", KeyType.STRING));
			Table<String, Counter> counters = engine.table("counters", String.class, Counter.class);
			Map<String, List<Long>> acknowledged = new ConcurrentHashMap<>();
			List<String> readProblems = new CopyOnWriteArrayList<>();
			AtomicBoolean writing = new AtomicBoolean(true);
			ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);

			List<Future<?>> writers = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				String name = "writer-" + w;
				boolean useCompareAndSet = (w % 2 == 1);
				writers.add(threads.submit(() -> write(counters, name, useCompareAndSet, acknowledged)));
			}
			List<Future<?>> readers = new ArrayList<>();
			for (int r = 0; r < READERS; r++) {
				readers.add(threads.submit(() -> read(counters, writing, readProblems)));
			}
			for (Future<?> writer : writers) {
				writer.get();
			}
			writing.set(false);
			for (Future<?> reader : readers) {
				reader.get();
			}
			threads.shutdown();

			assertThat(readProblems).isEmpty();
			long total = 0;
			for (int k = 0; k < KEYS; k++) {
				String key = "k" + k;
				List<Long> versions = new ArrayList<>(acknowledged.getOrDefault(key, List.of()));
				versions.sort(null);
				Row<String, Counter> last = counters.getRow(key).orElseThrow();
				assertThat(versions).as("acknowledged versions of %s", key).doesNotHaveDuplicates();
				assertThat(versions).as("acknowledged versions of %s", key).startsWith(1L).endsWith((long) versions.size());
				assertThat(last.version()).isEqualTo(versions.size());
				assertThat(last.value().count()).isEqualTo(versions.size());
				total += versions.size();
			}
			assertThat(total).isEqualTo((long) WRITERS * WRITES_PER_WRITER);
			checkFeed(counters, total);
		}
	}

	private void write(Table<String, Counter> counters, String name, boolean useCompareAndSet,
			Map<String, List<Long>> acknowledged) {
		long lastVersionSeen = 0;
		Map<String, Long> lastPerKey = new HashMap<>();
		for (int i = 0; i < WRITES_PER_WRITER; i++) {
			String key = "k" + ThreadLocalRandom.current().nextInt(KEYS);
			Row<String, Counter> row = useCompareAndSet ? compareAndSetIncrement(counters, key, name)
					: counters.update(key, (old) -> new Counter((old != null) ? old.count() + 1 : 1, name)).block();
			long previous = lastPerKey.getOrDefault(key, 0L);
			if (row.version() <= previous) {
				throw new AssertionError(name + " saw version " + row.version() + " of " + key + " after " + previous);
			}
			lastPerKey.put(key, row.version());
			lastVersionSeen = row.version();
			acknowledged.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>()).add(row.version());
		}
		assertThat(lastVersionSeen).isPositive();
	}

	private Row<String, Counter> compareAndSetIncrement(Table<String, Counter> counters, String key, String name) {
		while (true) {
			Row<String, Counter> current = counters.getRow(key).orElse(null);
			long version = (current != null) ? current.version() : 0;
			long count = (current != null) ? current.value().count() : 0;
			try {
				return counters.compareAndSet(key, version, new Counter(count + 1, name)).block();
			}
			catch (VersionConflictException ex) {
				// Another writer won the race; read again and retry, as a caller of compareAndSet does.
			}
		}
	}

	private void read(Table<String, Counter> counters, AtomicBoolean writing, List<String> problems) {
		Map<String, Long> lastSeen = new HashMap<>();
		while (writing.get()) {
			String key = "k" + ThreadLocalRandom.current().nextInt(KEYS);
			Row<String, Counter> row = counters.getRow(key).orElse(null);
			if (row == null) {
				continue;
			}
			if (row.value().count() != row.version()) {
				problems.add(key + " has count " + row.value().count() + " at version " + row.version());
			}
			if (row.version() < lastSeen.getOrDefault(key, 0L)) {
				problems.add(key + " went back from version " + lastSeen.get(key) + " to " + row.version());
			}
			lastSeen.put(key, row.version());
		}
	}

	private void checkFeed(Table<String, Counter> counters, long total) {
		List<Change<String, Counter>> changes = counters.changes(0)
			.take(total)
			.collectList()
			.block(Duration.ofSeconds(10));
		Map<String, Long> lastVersion = new HashMap<>();
		long lastSequence = 0;
		for (Change<String, Counter> change : changes) {
			assertThat(change.sequence()).isGreaterThan(lastSequence);
			assertThat(change.version()).isEqualTo(lastVersion.getOrDefault(change.key(), 0L) + 1);
			assertThat(change.value().count()).isEqualTo(change.version());
			lastVersion.put(change.key(), change.version());
			lastSequence = change.sequence();
		}
	}

}
