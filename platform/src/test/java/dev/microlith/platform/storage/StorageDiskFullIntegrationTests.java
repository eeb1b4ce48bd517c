package dev.microlith.platform.storage;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a writer in a child JVM whose files may not grow past 4 MB (a shell's
 * {@code ulimit -f}) to simulate a full disk. Writes must fail with a clear error, and
 * every write acknowledged before must still be there.
 */
class StorageDiskFullIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void writesFailCleanlyWhenFilesCannotGrow() throws Exception {
		List<String> lines = runWriter();
		List<Long> acknowledged = lines.stream()
			.filter((line) -> line.startsWith("ACK "))
			.map((line) -> Long.parseLong(line.substring(4)))
			.toList();
		List<String> failures = lines.stream().filter((line) -> line.startsWith("FAILED ")).toList();

		assertThat(lines).as("output of the writer").contains("DONE");
		assertThat(acknowledged).isNotEmpty();
		assertThat(failures).isNotEmpty();
		assertThat(failures.get(0)).contains("StorageException");
		assertThat(failures.get(0)).containsAnyOf("check free disk space", "needs a restart");
		try (StorageEngine engine = StorageEngine.open(this.directory, new StorageProperties())) {
			engine.declare(new TableDefinition(DiskFullWriter.TABLE, KeyType.LONG, List.of(), null, false, "disk-test"));
			for (long key : acknowledged) {
				assertThat(engine.tables().documents(DiskFullWriter.TABLE).get(key)).as("acknowledged key %d", key)
					.isPresent();
			}
		}
	}

	private List<String> runWriter() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		String command = "ulimit -f 4096 && exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
				+ System.getProperty("java.class.path") + "' " + DiskFullWriter.class.getName() + " '" + this.directory
				+ "'";
		Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		}
		finally {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		return lines;
	}

}
