package dev.microlith.platform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.microlith.platform.node.DataDirectory;
import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.StorageEngine;
import dev.microlith.platform.storage.StorageProperties;
import dev.microlith.platform.storage.TableDefinition;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreCommandTests {

	@TempDir
	Path temp;

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void restoreBringsBackBackedUpState() throws IOException {
		Path data = this.temp.resolve("data");
		Path backup = this.temp.resolve("tables.backup");
		try (StorageEngine engine = open(data)) {
			put(engine, "kept", 1);
			engine.backup(backup);
			put(engine, "later", 2);
		}

		int status = run("restore", backup.toString(), "--data-dir", data.toString());

		assertThat(status).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains("Restored the tables in " + data.toAbsolutePath());
		try (StorageEngine engine = open(data)) {
			assertThat(engine.tables().documents("notes").get("kept")).isPresent();
			assertThat(engine.tables().documents("notes").get("later")).isEmpty();
		}
	}

	@Test
	void runningNodeDirectoryIsRejected() throws IOException {
		Path data = this.temp.resolve("busy");
		Path backup = Files.writeString(this.temp.resolve("x.backup"), "not a backup");

		try (DataDirectory locked = DataDirectory.open(data)) {
			int status = run("restore", backup.toString(), "--data-dir", data.toString());

			assertThat(status).isEqualTo(1);
			assertThat(this.err.toString()).contains("is in use by another running node", "Stop that node");
		}
	}

	@Test
	void fileThatIsNoBackupIsRejected() throws IOException {
		Path data = this.temp.resolve("data");
		Path backup = Files.writeString(this.temp.resolve("x.backup"), "not a backup");

		int status = run("restore", backup.toString(), "--data-dir", data.toString());

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("Restore of '" + backup.toAbsolutePath() + "' failed");
	}

	@Test
	void missingFileIsRejected() {
		int status = run("restore", this.temp.resolve("none.backup").toString(), "--data-dir",
				this.temp.resolve("data").toString());

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("Cannot read backup");
	}

	private static StorageEngine open(Path data) throws IOException {
		StorageEngine engine = StorageEngine.open(Files.createDirectories(data).resolve("tables"), new StorageProperties());
		engine.declare(new TableDefinition("notes", KeyType.STRING, List.of(), null, false, "test"));
		return engine;
	}

	private static void put(StorageEngine engine, String key, int value) {
		engine.tables().documents("notes").put(key, Map.of("value", value)).block();
	}

	private int run(String... args) {
		return MicrolithCli.run(args, new PrintWriter(this.out, true), new PrintWriter(this.err, true));
	}

}
