package dev.microlith.platform.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;

import static dev.microlith.platform.storage.TestRecords.document;
import static dev.microlith.platform.storage.TestRecords.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactionTests {

	private static final int KEYS = 200;

	@TempDir
	Path directory;

	@TempDir
	Path other;

	@Test
	void fileSizeStaysBoundedUnderChurn() {
		StorageProperties properties = TestRecords.properties();
		properties.getChangeLog().setMaxChanges(100);
		// Frequent MapDB commits, as in a node that runs for long, so the file grows during the churn.
		properties.setCheckpointWrites(500);
		List<Long> grownSizes = new ArrayList<>();
		List<Long> compactedSizes = new ArrayList<>();
		try (StorageEngine engine = StorageEngine.open(this.directory, properties)) {
			engine.declare(table("churn", KeyType.LONG));
			Table<Object, Map<String, Object>> churn = engine.tables().documents("churn");
			for (int cycle = 0; cycle < 3; cycle++) {
				fillThenDeleteMost(churn, cycle);
				grownSizes.add(engine.fileSize());
				compactedSizes.add(engine.compact());
			}

			assertThat(churn.count()).isEqualTo(3 * 10);
		}

		for (int cycle = 0; cycle < 3; cycle++) {
			assertThat(compactedSizes.get(cycle)).as("size after compaction %d", cycle)
				.isLessThan(grownSizes.get(cycle));
		}
		assertThat(compactedSizes.get(2)).isLessThanOrEqualTo(compactedSizes.get(0));
	}

	@Test
	void compactedStoreReopensWithData() {
		long sequence;
		try (StorageEngine engine = StorageEngine.open(this.directory, TestRecords.properties())) {
			engine.declare(table("churn", KeyType.LONG, "cycle"));
			overwriteAndDelete(engine.tables().documents("churn"), 0);
			engine.compact();
			engine.tables().documents("churn").put(1L, document("cycle", 9)).block();
			sequence = engine.lastSequence();
		}

		try (StorageEngine engine = StorageEngine.open(this.directory, TestRecords.properties())) {
			engine.declare(table("churn", KeyType.LONG, "cycle"));
			Row<Object, Map<String, Object>> next = engine.tables().documents("churn").put(2L, document("cycle", 9))
				.block();

			assertThat(engine.tables().documents("churn").get(1L).orElseThrow()).containsEntry("cycle", 9);
			assertThat(engine.tables().documents("churn").count()).isEqualTo(KEYS / 2 + 1);
			assertThat(next.sequence()).isEqualTo(sequence + 1);
		}
	}

	@Test
	void backupWhileWritingThenRestore() throws Exception {
		Path backup = this.other.resolve("tables.backup");
		try (StorageEngine engine = StorageEngine.open(this.directory, TestRecords.properties())) {
			engine.declare(table("notes", KeyType.LONG));
			Table<Object, Map<String, Object>> notes = engine.tables().documents("notes");
			Flux.range(1, 100).flatMap((i) -> notes.put((long) i, document("n", i)), 16).blockLast();
			var writes = Flux.range(101, 300).flatMap((i) -> notes.put((long) i, document("n", i)), 16).then().toFuture();

			engine.backup(backup);
			writes.get();
		}
		StorageProperties restoring = TestRecords.properties();
		restoring.setRestoreFrom(backup);
		Path restored = this.other.resolve("restored");

		try (StorageEngine engine = StorageEngine.open(restored, restoring)) {
			engine.declare(table("notes", KeyType.LONG));
			Table<Object, Map<String, Object>> notes = engine.tables().documents("notes");
			assertThat(notes.count()).isBetween(100L, 400L);
			assertThat(notes.get(100L)).isPresent();
			assertThat(engine.lastSequence()).isEqualTo(notes.count());
			notes.put(1000L, document("n", 1000)).block();
		}
		try (StorageEngine engine = StorageEngine.open(restored, restoring)) {
			engine.declare(table("notes", KeyType.LONG));

			assertThat(engine.tables().documents("notes").get(1000L)).isPresent();
		}
	}

	@Test
	void restoreOfInvalidFileFailsAndTouchesNothing() throws Exception {
		try (StorageEngine engine = StorageEngine.open(this.directory, TestRecords.properties())) {
			engine.declare(table("notes", KeyType.LONG));
		}
		Path invalid = Files.writeString(this.other.resolve("not-a-backup"), "hello");
		List<Path> before = files();
		StorageProperties restoring = TestRecords.properties();
		restoring.setRestoreFrom(invalid);

		assertThatThrownBy(() -> StorageEngine.open(this.directory, restoring))
			.isInstanceOf(StorageFormatException.class)
			.hasMessageContaining("not-a-backup");
		assertThat(files()).isEqualTo(before);
	}

	private List<Path> files() throws Exception {
		try (var files = Files.list(this.directory)) {
			return files.sorted().toList();
		}
	}

	private void fillThenDeleteMost(Table<Object, Map<String, Object>> churn, int cycle) {
		String text = "x".repeat(2000);
		long first = cycle * 10_000L;
		Flux.range(0, 1500).flatMap((i) -> churn.put(first + i, document("text", text)), 64).blockLast();
		Flux.range(10, 1490).flatMap((i) -> churn.delete(first + i), 64).blockLast();
	}

	private void overwriteAndDelete(Table<Object, Map<String, Object>> churn, int cycle) {
		String text = "x".repeat(1000);
		for (int round = 0; round < 3; round++) {
			int value = round;
			Flux.range(0, KEYS)
				.flatMap((key) -> churn.put((long) key, document("cycle", cycle, "round", value, "text", text)), 32)
				.blockLast();
		}
		Flux.range(0, KEYS).filter((key) -> key % 2 == 0).flatMap((key) -> churn.delete((long) key), 32).blockLast();
	}

}
