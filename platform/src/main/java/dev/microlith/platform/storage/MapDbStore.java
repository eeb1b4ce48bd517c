package dev.microlith.platform.storage;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.serializer.GroupSerializer;
import org.slf4j.LoggerFactory;

/**
 * The MapDB file behind the tables, with its write-ahead log, plus the format marker.
 * <p>
 * One MapDB store contains every table, the change log and the metadata, so one commit
 * covers a transaction across tables. The store file is {@value #STORE_FILE}; the marker
 * {@value #FORMAT_FILE} names the format and its version, and is checked before MapDB
 * opens (and replays) anything. Record values are stored outside the B-tree nodes, so a
 * put rewrites one small node instead of a node full of records. Not thread-safe: after opening, only the writer thread
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

	static final String COMPACT_SUFFIX = ".compact";

	/** Copy of the store file taken before a MapDB commit, and removed after it. */
	static final String SHADOW_SUFFIX = ".shadow";

	/** The store file, or {@code null} for a store in memory. */
	private final Path file;

	private DB db;

	private Map<String, String> meta;

	private BTreeMap<Long, byte[]> changes;

	private MapDbStore(Path file, DB db) {
		this.file = file;
		attach(db);
		this.meta.putIfAbsent("format.version", Integer.toString(FORMAT_VERSION));
		db.commit();
	}

	private void attach(DB db) {
		this.db = db;
		this.meta = db.hashMap(META, Serializer.STRING, Serializer.STRING).createOrOpen();
		this.changes = db.treeMap(CHANGES, Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
			.createOrOpen();
	}

	/**
	 * Opens the store in {@code directory}, creating it when the directory is empty.
	 * @throws StorageFormatException when the directory contains another format or a newer
	 * version; the directory is left untouched
	 * @throws StorageException when the files cannot be read or written
	 */
	static MapDbStore open(Path directory) {
		checkFormat(directory);
		Path file = directory.resolve(STORE_FILE);
		try {
			// A compaction that did not finish left this copy behind; the store file is intact.
			Files.deleteIfExists(directory.resolve(STORE_FILE + COMPACT_SUFFIX));
			restoreShadow(directory, file);
			return new MapDbStore(file, openFile(file));
		}
		catch (IOException ex) {
			throw new StorageException("Cannot open the table store in '" + directory + "': " + ex
					+ "; check that the files are readable and writable", ex);
		}
		catch (RuntimeException ex) {
			throw new StorageException("Cannot open the table store in '" + directory + "': " + ex
					+ "; check that the files are readable and writable and the disk has space", ex);
		}
	}

	/** Opens a store that lives in memory only, for tests. */
	static MapDbStore inMemory() {
		return new MapDbStore(null, DBMaker.memoryDB().transactionEnable().make());
	}

	private static DB openFile(Path file) {
		return DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().transactionEnable().make();
	}

	/** Returns the size of the store file in bytes, or 0 for a store in memory. */
	long fileSize() {
		try {
			return (this.file != null) ? Files.size(this.file) : 0;
		}
		catch (IOException ex) {
			throw new StorageException("Cannot read the size of '" + this.file + "': " + ex, ex);
		}
	}

	/**
	 * Rewrites the live contents into a fresh file and switches to it, which gives back the
	 * space of overwritten and deleted records. The caller must re-fetch its table maps.
	 * Until the final rename the old file stays the store, so a crash loses nothing.
	 * @param keyTypes the key type of every stored table
	 */
	void compact(Map<String, KeyType> keyTypes) {
		if (this.file == null) {
			return;
		}
		Path fresh = this.file.resolveSibling(STORE_FILE + COMPACT_SUFFIX);
		try {
			Files.deleteIfExists(fresh);
			copyTo(fresh, keyTypes);
			this.db.close();
			Files.move(fresh, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new StorageException("Compaction of '" + this.file + "' failed: " + ex
					+ "; check free disk space, then restart the node", ex);
		}
		finally {
			if (this.db.isClosed()) {
				attach(openFile(this.file));
			}
		}
	}

	/**
	 * Writes a consistent copy of the store to {@code target}, one file without a
	 * write-ahead log.
	 * @param keyTypes the key type of every stored table
	 */
	void backup(Path target, Map<String, KeyType> keyTypes) {
		Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
		try {
			Files.deleteIfExists(temporary);
			copyTo(temporary, keyTypes);
			moveAtomically(temporary, target);
		}
		catch (IOException ex) {
			throw new StorageException("Backup to '" + target + "' failed: " + ex
					+ "; check that its directory exists, is writable and has space", ex);
		}
	}

	/** Returns the key types of the tables named in stored definitions under {@code prefix}. */
	Map<String, KeyType> storedKeyTypes(String prefix, java.util.function.Function<String, KeyType> keyTypeOf) {
		Map<String, KeyType> keyTypes = new java.util.TreeMap<>();
		this.meta.forEach((name, value) -> {
			if (name.startsWith(prefix)) {
				keyTypes.put(name.substring(prefix.length()), keyTypeOf.apply(value));
			}
		});
		return keyTypes;
	}

	private void copyTo(Path target, Map<String, KeyType> keyTypes) {
		DB copy = DBMaker.fileDB(target.toFile()).make();
		try {
			copy.hashMap(META, Serializer.STRING, Serializer.STRING).create().putAll(this.meta);
			copy.treeMap(CHANGES, Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
				.create()
				.putAll(this.changes);
			keyTypes.forEach((name, keyType) -> {
				@SuppressWarnings("unchecked")
				GroupSerializer<Object> keys = (GroupSerializer<Object>) keySerializer(keyType);
				copy.treeMap(TABLE_PREFIX + name, keys, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
					.create()
					.putAll(table(name, keyType));
			});
			copy.commit();
		}
		finally {
			copy.close();
		}
	}

	Map<String, String> meta() {
		return this.meta;
	}

	BTreeMap<Long, byte[]> changes() {
		return this.changes;
	}

	@SuppressWarnings("unchecked")
	BTreeMap<Object, byte[]> table(String name, KeyType keyType) {
		GroupSerializer<Object> keys = (GroupSerializer<Object>) keySerializer(keyType);
		return this.db.treeMap(TABLE_PREFIX + name, keys, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
			.createOrOpen();
	}

	private static GroupSerializer<?> keySerializer(KeyType keyType) {
		return switch (keyType) {
			case STRING -> Serializer.STRING;
			case LONG -> Serializer.LONG;
			case UUID -> Serializer.UUID;
		};
	}

	/**
	 * Commits MapDB, protected by a shadow copy of the store file.
	 * <p>
	 * MapDB 3.1.0's StoreWAL.commit() writes the new store header before it copies the
	 * committed data into the store file, and MapDB does not replay its own log at open.
	 * So a crash or I/O error inside the commit can leave an unreadable store. Between commits
	 * MapDB does not write the store file, so a copy taken just before is the last commit;
	 * it is removed once the commit is done, and restored at open when it is still there.
	 */
	void commit() {
		if (this.file == null) {
			this.db.commit();
			return;
		}
		Path shadow = this.file.resolveSibling(STORE_FILE + SHADOW_SUFFIX);
		writeShadow(shadow);
		this.db.commit();
		try {
			Files.delete(shadow);
			syncDirectory(this.file.getParent());
		}
		catch (IOException ex) {
			throw new StorageException("Cannot remove the shadow copy '" + shadow + "' after a commit: " + ex, ex);
		}
	}

	private void writeShadow(Path shadow) {
		Path temporary = shadow.resolveSibling(shadow.getFileName() + ".tmp");
		try {
			Files.copy(this.file, temporary, StandardCopyOption.REPLACE_EXISTING);
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Files.move(temporary, shadow, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			syncDirectory(this.file.getParent());
		}
		catch (IOException ex) {
			deleteQuietly(temporary, ex);
			throw new StorageException("Cannot copy the store file before a commit: " + ex
					+ "; check free disk space (the copy needs as much as the store file)", ex);
		}
	}

	/** Puts back the shadow copy of a commit that did not finish, before MapDB opens the store. */
	private static void restoreShadow(Path directory, Path file) throws IOException {
		Path shadow = directory.resolve(STORE_FILE + SHADOW_SUFFIX);
		Files.deleteIfExists(directory.resolve(STORE_FILE + SHADOW_SUFFIX + ".tmp"));
		if (!Files.isRegularFile(shadow)) {
			return;
		}
		LoggerFactory.getLogger(MapDbStore.class)
			.warn("The last MapDB commit in '{}' did not finish; restoring the store file from before it", directory);
		try (Stream<Path> files = Files.list(directory)) {
			for (Path walFile : files.filter((path) -> path.getFileName().toString().startsWith(STORE_FILE + ".wal"))
				.toList()) {
				Files.delete(walFile);
			}
		}
		Files.move(shadow, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		syncDirectory(directory);
	}

	private static void syncDirectory(Path directory) throws IOException {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	private static void deleteQuietly(Path path, IOException failure) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
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
