package dev.microlith.platform.storage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import dev.microlith.sdk.table.Table;

/**
 * The child process of {@link StorageDiskFullIntegrationTests}: writes 1 KB records under a
 * file size limit until writes fail, and prints {@code ACK <key>} per acknowledged write,
 * {@code FAILED <key> <message>} per failed one, and {@code DONE} at the end.
 */
public final class DiskFullWriter {

	static final String TABLE = "full";

	private static final int FAILURES_TO_SEE = 3;

	private DiskFullWriter() {
	}

	public static void main(String[] args) {
		PrintStream out = System.out;
		StorageProperties properties = new StorageProperties();
		properties.setCheckpointWrites(200);
		StorageEngine engine = StorageEngine.open(Path.of(args[0]), properties);
		engine.declare(new TableDefinition(TABLE, KeyType.LONG, java.util.List.of(), null, false, "disk-test"));
		Table<Object, Map<String, Object>> table = engine.tables().documents(TABLE);
		String text = "x".repeat(1000);
		int failures = 0;
		for (long key = 1; failures < FAILURES_TO_SEE && key < 1_000_000; key++) {
			try {
				table.put(key, Map.of("text", text)).block();
				out.println("ACK " + key);
			}
			catch (RuntimeException ex) {
				failures++;
				out.println("FAILED " + key + " " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
		}
		try {
			engine.close();
		}
		catch (RuntimeException ex) {
			out.println("CLOSE FAILED " + ex);
		}
		out.println("DONE");
		out.flush();
		System.exit(0);
	}

}
