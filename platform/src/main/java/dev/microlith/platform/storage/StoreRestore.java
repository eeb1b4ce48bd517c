package dev.microlith.platform.storage;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a store directory's contents with a backup, before the store opens.
 * <p>
 * The replaced files move to a {@code replaced-<millis>} folder inside the directory, so
 * nothing is deleted. A marker file records which backup was restored, so a node that
 * restarts with the same {@code restore-from} setting does not restore it again.
 */
final class StoreRestore {

	private static final Logger logger = LoggerFactory.getLogger(StoreRestore.class);

	static final String MARKER_FILE = "restored.properties";

	private StoreRestore() {
	}

	/**
	 * Restores {@code backup} into {@code directory} unless that same backup was restored
	 * already.
	 * @return whether the backup was restored now
	 * @throws StorageFormatException when the backup is not a readable table store backup of
	 * a supported version; the directory is left untouched
	 */
	static boolean restoreOnce(Path backup, Path directory) {
		Path source = backup.toAbsolutePath().normalize();
		Properties identity = identity(source);
		if (identity.equals(readMarker(directory.resolve(MARKER_FILE)))) {
			return false;
		}
		checkBackup(source);
		try {
			Files.createDirectories(directory);
			moveAside(directory);
			Path temporary = directory.resolve(MapDbStore.STORE_FILE + ".restore");
			Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
			Files.move(temporary, directory.resolve(MapDbStore.STORE_FILE), StandardCopyOption.ATOMIC_MOVE);
			writeProperties(directory.resolve(MapDbStore.FORMAT_FILE), formatMarker());
			writeProperties(directory.resolve(MARKER_FILE), identity);
		}
		catch (IOException ex) {
			throw new StorageException("Restore of '" + source + "' into '" + directory + "' failed: " + ex
					+ "; the replaced files are in a replaced-* folder of that directory", ex);
		}
		logger.info("Table store restored from backup '{}'", source);
		return true;
	}

	private static void checkBackup(Path backup) {
		if (!Files.isRegularFile(backup)) {
			throw new StorageFormatException("Backup '" + backup + "' not found: expected a file written by a table store backup");
		}
		String version;
		try {
			DB db = DBMaker.fileDB(backup.toFile()).readOnly().fileLockDisable().make();
			try {
				Map<String, String> meta = db.hashMap("meta", Serializer.STRING, Serializer.STRING).open();
				version = meta.get("format.version");
			}
			finally {
				db.close();
			}
		}
		catch (RuntimeException ex) {
			throw new StorageFormatException("Invalid backup '" + backup + "': it is not a table store backup ("
					+ ex + "); choose a file written by a backup", ex);
		}
		if (version == null || Integer.parseInt(version) > MapDbStore.FORMAT_VERSION) {
			throw new StorageFormatException("Invalid backup '" + backup + "': storage format version " + version
					+ " is not supported (this node supports up to " + MapDbStore.FORMAT_VERSION
					+ "); restore it with the Microlith version that wrote it");
		}
	}

	private static void moveAside(Path directory) throws IOException {
		List<Path> stored;
		try (Stream<Path> files = Files.list(directory)) {
			stored = files.filter((file) -> isStoreFile(file)).toList();
		}
		if (stored.isEmpty()) {
			return;
		}
		Path aside = Files.createDirectories(directory.resolve("replaced-" + System.currentTimeMillis()));
		for (Path file : stored) {
			Files.move(file, aside.resolve(file.getFileName()));
		}
		logger.info("Moved the replaced table store files to '{}'", aside);
	}

	private static boolean isStoreFile(Path file) {
		String name = file.getFileName().toString();
		return name.startsWith(MapDbStore.STORE_FILE) || name.startsWith(WriteAheadLog.FILE);
	}

	private static Properties identity(Path backup) {
		Properties identity = new Properties();
		identity.setProperty("backup", backup.toString());
		try {
			identity.setProperty("size", Long.toString(Files.size(backup)));
			identity.setProperty("modified", Files.getLastModifiedTime(backup).toString());
		}
		catch (IOException ex) {
			throw new StorageFormatException("Cannot read backup '" + backup + "': " + ex
					+ "; check microlith.storage.restore-from", ex);
		}
		return identity;
	}

	private static Properties formatMarker() {
		Properties format = new Properties();
		format.setProperty("format", MapDbStore.FORMAT_NAME);
		format.setProperty("version", Integer.toString(MapDbStore.FORMAT_VERSION));
		return format;
	}

	private static Properties readMarker(Path marker) {
		Properties properties = new Properties();
		if (Files.isRegularFile(marker)) {
			try (Reader reader = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
				properties.load(reader);
			}
			catch (IOException ex) {
				throw new StorageException("Cannot read '" + marker + "': " + ex, ex);
			}
		}
		return properties;
	}

	private static void writeProperties(Path file, Properties properties) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			properties.store(writer, null);
		}
	}

}
