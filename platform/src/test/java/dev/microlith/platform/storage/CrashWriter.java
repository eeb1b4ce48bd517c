package dev.microlith.platform.storage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;

import dev.microlith.sdk.table.Table;

/**
 * The child process of {@link StorageCrashIntegrationTests}: writes records continuously
 * and prints a line for each write once it is acknowledged, until it is killed.
 * <p>
 * Arguments: the store directory and the first key to write. It prints
 * {@code READY <last sequence>} after opening the store, then {@code ACK <key> <sequence>}
 * per acknowledged write.
 */
public final class CrashWriter {

	static final String TABLE = "crash";

	private CrashWriter() {
	}

	public static void main(String[] args) {
		exitWithParent();
		Path directory = Path.of(args[0]);
		long firstKey = Long.parseLong(args[1]);
		PrintStream out = System.out;
		StorageProperties properties = new StorageProperties();
		// MapDB commits often, so kills land before, during and after checkpoints.
		properties.setCheckpointWrites(200);
		StorageEngine engine = StorageEngine.open(directory, properties);
		engine.declare(definition());
		Table<Object, Map<String, Object>> table = engine.tables().documents(TABLE);
		println(out, "READY " + engine.lastSequence());
		Flux.range(0, Integer.MAX_VALUE)
			.flatMap((i) -> table.put(firstKey + i, Map.of("n", i, "text", "record " + i)), 32)
			.doOnNext((row) -> println(out, "ACK " + row.key() + " " + row.sequence()))
			.blockLast();
	}

	static TableDefinition definition() {
		return new TableDefinition(TABLE, KeyType.LONG, List.of(new TableDefinition.IndexDefinition("n")), null,
				false, "crash-test");
	}

	/**
	 * Ends this process when the test's JVM is gone, for example after the build was
	 * interrupted: otherwise it would go on writing, on a CPU of its own, until someone
	 * kills it.
	 */
	private static void exitWithParent() {
		ProcessHandle.current().parent().ifPresent((parent) -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
	}

	private static void println(PrintStream out, String line) {
		synchronized (out) {
			out.println(line);
			out.flush();
		}
	}

}
