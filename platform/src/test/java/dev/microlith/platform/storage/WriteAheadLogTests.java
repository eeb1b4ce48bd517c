package dev.microlith.platform.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.microlith.sdk.table.Change.Operation;

import static dev.microlith.platform.storage.TestRecords.table;
import static org.assertj.core.api.Assertions.assertThat;

class WriteAheadLogTests {

	@TempDir
	Path directory;

	@Test
	void batchesReadBackInOrder() throws Exception {
		try (WriteAheadLog log = WriteAheadLog.open(this.directory)) {
			log.append(List.of(change(1, "a"), change(2, "b")));
			log.append(List.of(change(3, "c")));
		}

		try (WriteAheadLog log = WriteAheadLog.open(this.directory)) {
			List<List<LoggedChange>> batches = log.readBatches();

			assertThat(batches).hasSize(2);
			assertThat(batches.get(0)).extracting(LoggedChange::key).containsExactly("a", "b");
			assertThat(batches.get(1)).extracting(LoggedChange::sequence).containsExactly(3L);
		}
	}

	@Test
	void tornTailIsDroppedAndCutOff() throws Exception {
		long goodSize;
		try (WriteAheadLog log = WriteAheadLog.open(this.directory)) {
			log.append(List.of(change(1, "a")));
			goodSize = log.size();
		}
		Files.write(this.directory.resolve(WriteAheadLog.FILE), new byte[] { 0, 0, 1, 0, 7, 7 },
				StandardOpenOption.APPEND);

		try (WriteAheadLog log = WriteAheadLog.open(this.directory)) {
			assertThat(log.readBatches()).hasSize(1);
			log.append(List.of(change(2, "b")));
		}

		try (WriteAheadLog log = WriteAheadLog.open(this.directory)) {
			assertThat(log.readBatches()).hasSize(2);
			assertThat(log.size()).isGreaterThan(goodSize);
		}
	}

	@Test
	void corruptBatchEndsTheLog() throws Exception {
		try (WriteAheadLog log = WriteAheadLog.open(this.directory)) {
			log.append(List.of(change(1, "a")));
			log.append(List.of(change(2, "b")));
		}
		Path file = this.directory.resolve(WriteAheadLog.FILE);
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length - 1] ^= 0x55;
		Files.write(file, bytes);

		try (WriteAheadLog log = WriteAheadLog.open(this.directory)) {
			assertThat(log.readBatches()).hasSize(1);
		}
	}

	@Test
	void engineReplaysLoggedChangesAtStart() throws Exception {
		try (StorageEngine engine = StorageEngine.open(this.directory, TestRecords.properties())) {
			engine.declare(table("notes", KeyType.STRING));
		}
		try (WriteAheadLog log = WriteAheadLog.open(this.directory)) {
			log.append(List.of(change(1, "a"), change(2, "b")));
		}

		try (StorageEngine engine = StorageEngine.open(this.directory, TestRecords.properties())) {
			engine.declare(table("notes", KeyType.STRING));

			assertThat(engine.tables().documents("notes").get("b")).contains(Map.of("text", "b"));
			assertThat(engine.lastSequence()).isEqualTo(2);
			assertThat(Files.size(this.directory.resolve(WriteAheadLog.FILE))).isZero();
		}
	}

	private static LoggedChange change(long sequence, String key) {
		byte[] json = ("{\"text\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
		return new LoggedChange("notes", KeyType.STRING, key, Operation.INSERT, json, 1, sequence, sequence << 16);
	}

}
