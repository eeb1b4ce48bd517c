package dev.microlith.platform.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills a child JVM that writes continuously, with SIGKILL, and checks that every write it
 * acknowledged survived and that the commit sequence continues.
 */
class StorageCrashIntegrationTests {

	private static final int ROUNDS = 20;

	private static final long KEYS_PER_ROUND = 1_000_000;

	@TempDir
	Path directory;

	@Test
	void acknowledgedWritesSurviveSigkill() throws Exception {
		long lastAcknowledgedSequence = 0;
		for (int round = 1; round <= ROUNDS; round++) {
			List<long[]> acknowledged = runAndKill(round * KEYS_PER_ROUND);

			assertThat(acknowledged).as("writes acknowledged in round %d", round).isNotEmpty();
			long roundLast = acknowledged.stream().mapToLong((ack) -> ack[1]).max().orElseThrow();
			assertThat(roundLast).isGreaterThan(lastAcknowledgedSequence);
			lastAcknowledgedSequence = verifyStore(acknowledged, roundLast);
		}
	}

	/** Runs the writer until it has acknowledged some writes, kills it and returns (key, sequence) pairs. */
	private List<long[]> runAndKill(long firstKey) throws Exception {
		Process process = new ProcessBuilder(javaCommand(firstKey)).redirectErrorStream(true).start();
		List<long[]> acknowledged = new CopyOnWriteArrayList<>();
		List<String> other = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> readOutput(process, acknowledged, other));
		reader.start();
		try {
			int wanted = ThreadLocalRandom.current().nextInt(1, 300);
			await().atMost(java.time.Duration.ofSeconds(30))
				.failFast(() -> !process.isAlive())
				.until(() -> acknowledged.size() >= wanted);
		}
		finally {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
			reader.join(5000);
		}
		assertThat(process.exitValue()).as("exit code of the killed writer; its output: %s", other).isEqualTo(137);
		return new ArrayList<>(acknowledged);
	}

	private long verifyStore(List<long[]> acknowledged, long roundLast) {
		try (StorageEngine engine = StorageEngine.open(this.directory, new StorageProperties())) {
			engine.declare(CrashWriter.definition());
			Table<Long, Map> table = engine.table(CrashWriter.TABLE, Long.class, Map.class);
			for (long[] ack : acknowledged) {
				Row<Long, Map> row = table.getRow(ack[0]).orElse(null);
				assertThat(row).as("acknowledged key %d", ack[0]).isNotNull();
				assertThat(row.sequence()).as("sequence of key %d", ack[0]).isEqualTo(ack[1]);
			}
			assertThat(engine.lastSequence()).isGreaterThanOrEqualTo(roundLast);
			return engine.lastSequence();
		}
	}

	private static void readOutput(Process process, List<long[]> acknowledged, List<String> other) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("ACK ")) {
					String[] parts = line.split(" ");
					acknowledged.add(new long[] { Long.parseLong(parts[1]), Long.parseLong(parts[2]) });
				}
				else if (!line.startsWith("READY ") && other.size() < 50) {
					other.add(line);
				}
			}
		}
		catch (IOException ex) {
			// The stream closes when the process dies; what was read is kept.
			other.add("output closed: " + ex);
		}
	}

	private List<String> javaCommand(long firstKey) {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		return List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
				"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
				CrashWriter.class.getName(), this.directory.toString(), Long.toString(firstKey));
	}

}
