package dev.microlith.platform.storage;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.serializer.GroupSerializer;

/**
 * The MapDB file behind the tables, with its write-ahead log, plus the format marker.
 * <p>
 * One MapDB store holds every table, the change log and the metadata, so one commit
 * covers a transaction across tables. The store file is {@value #STORE_FILE}; the marker
 * {@value #FORMAT_FILE} names the format and its version, and is checked before MapDB
 * opens (and replays) anything. Not thread-safe: after opening, only the writer thread
 * uses an instance.
 */
final class MapDbStore implements AutoCloseable {

	static final String STORE_FILE = "tables.mapdb";

	static final String FORMAT_FILE = "format.properties";

	static final String FORMAT_NAME = "microlith-tables";

	static final int FORMAT_VERSION = 1;

	private static final String META = "meta";

	private static final String CHANGES = "changes";

	private static final String TABLE_PREFIX = "table.";

	private final DB db;

	private final Map<String, String> meta;

	private final BTreeMap<Long, byte[]> changes;

	private MapDbStore(DB db) {
		this.db = db;
		this.meta = db.hashMap(META, Serializer.STRING, Serializer.STRING).createOrOpen();
		this.changes = db.treeMap(CHANGES, Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
		this.meta.putIfAbsent("format.version", Integer.toString(FORMAT_VERSION));
		db.commit();
	}

	/**
	 * Opens the store in {@code directory}, creating it when the directory is empty.
	 * @throws StorageFormatException when the directory contains another format or a newer
	 * version; the directory is left untouched
	 * @throws StorageException when the files cannot be read or written
	 */
	static MapDbStore open(Path directory) {
		checkFormat(directory);
		try {
			DB db = DBMaker.fileDB(directory.resolve(STORE_FILE).toFile())
				.fileMmapEnableIfSupported()
				.transactionEnable()
				.make();
			return new MapDbStore(db);
		}
		catch (RuntimeException ex) {
			throw new StorageException("Cannot open the table store in '" + directory + "': " + ex
					+ "; check that the files are readable and writable and the disk has space", ex);
		}
	}

	/** Opens a store that lives in memory only, for tests. */
	static MapDbStore inMemory() {
		return new MapDbStore(DBMaker.memoryDB().transactionEnable().make());
	}

	Map<String, String> meta() {
		return this.meta;
	}

	BTreeMap<Long, byte[]> changes() {
		return this.changes;
	}

	@SuppressWarnings("unchecked")
	BTreeMap<Object, byte[]> table(String name, KeyType keyType) {
		GroupSerializer<?> keys = switch (keyType) {
			case STRING -> Serializer.STRING;
			case LONG -> Serializer.LONG;
			case UUID -> Serializer.UUID;
		};
		return (BTreeMap<Object, byte[]>) this.db
			.treeMap(TABLE_PREFIX + name, (GroupSerializer<Object>) keys, Serializer.BYTE_ARRAY)
			.createOrOpen();
	}

	void commit() {
		this.db.commit();
	}

	void rollback() {
		this.db.rollback();
	}

	@Override
	public void close() {
		this.db.close();
	}

	private static void checkFormat(Path directory) {
		Path marker = directory.resolve(FORMAT_FILE);
		if (Files.isRegularFile(marker)) {
			checkMarker(marker);
			return;
		}
		if (!isEmpty(directory)) {
			throw new StorageFormatException("Storage directory '" + directory + "' contains files but no "
					+ FORMAT_FILE + ", so it is not a Microlith table store; "
					+ "point microlith.data-dir at another directory or move those files away");
		}
		writeMarker(directory, marker);
	}

	private static void checkMarker(Path marker) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new StorageException("Cannot read '" + marker + "': " + ex, ex);
		}
		String name = properties.getProperty("format");
		if (!FORMAT_NAME.equals(name)) {
			throw new StorageFormatException("Invalid storage format '" + name + "' in '" + marker + "': expected '"
					+ FORMAT_NAME + "'; point microlith.data-dir at a Microlith data directory");
		}
		int version = parseVersion(marker, properties.getProperty("version"));
		if (version > FORMAT_VERSION) {
			throw new StorageFormatException("Storage format version " + version + " in '" + marker
					+ "' is newer than this node supports (" + FORMAT_VERSION
					+ "); run a Microlith version that supports it, or restore a backup");
		}
	}

	private static int parseVersion(Path marker, String version) {
		try {
			return Integer.parseInt(String.valueOf(version).trim());
		}
		catch (NumberFormatException ex) {
			throw new StorageFormatException("Invalid storage format version '" + version + "' in '" + marker
					+ "': expected a whole number; restore the file from a backup", ex);
		}
	}

	private static boolean isEmpty(Path directory) {
		if (!Files.exists(directory)) {
			return true;
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.findAny().isEmpty();
		}
		catch (IOException ex) {
			throw new StorageException("Cannot list storage directory '" + directory + "': " + ex, ex);
		}
	}

	private static void writeMarker(Path directory, Path marker) {
		try {
			Files.createDirectories(directory);
			Path temporary = directory.resolve(FORMAT_FILE + ".tmp");
			try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				writer.write("format=" + FORMAT_NAME + "\nversion=" + FORMAT_VERSION + "\n");
			}
			moveAtomically(temporary, marker);
		}
		catch (IOException ex) {
			throw new StorageException("Cannot create the table store in '" + directory + "': " + ex
					+ "; check that the directory is writable", ex);
		}
	}

	private static void moveAtomically(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
