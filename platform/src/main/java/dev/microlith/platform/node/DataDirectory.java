package dev.microlith.platform.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The node's data directory, created and locked for the lifetime of the node.
 * <p>
 * The lock is an OS file lock on {@value #LOCK_FILE}, which also records the owner's
 * process id. The OS releases it when the process dies, even by {@code kill -9}, so a
 * stale lock file never blocks a restart.
 */
public final class DataDirectory implements AutoCloseable {

	/** Name of the lock file inside the data directory. */
	public static final String LOCK_FILE = "microlith.lock";

	private final Path path;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
		this.path = path;
		this.lockChannel = lockChannel;
		this.lock = lock;
	}

	/**
	 * Creates the directory if needed, checks that it is writable and locks it.
	 * @throws DataDirectoryException when any step fails; nothing in the directory is changed
	 * except the lock file
	 */
	public static DataDirectory open(Path configured) {
		Path path = configured.toAbsolutePath().normalize();
		createDirectories(path);
		checkWritable(path);
		return lock(path);
	}

	/** Returns the absolute path of the directory. */
	public Path path() {
		return this.path;
	}

	/** Returns {@code name} resolved against the directory. */
	public Path resolve(String name) {
		return this.path.resolve(name);
	}

	@Override
	public void close() throws IOException {
		this.lock.release();
		this.lockChannel.close();
	}

	private static void createDirectories(Path path) {
		try {
			Files.createDirectories(path);
		}
		catch (IOException ex) {
			throw new DataDirectoryException(path, "Cannot create data directory '" + path + "': " + ex,
					"Create it with write permission for this user, or set microlith.data-dir to another directory",
					ex);
		}
	}

	private static void checkWritable(Path path) {
		if (!Files.isDirectory(path) || !Files.isWritable(path)) {
			throw new DataDirectoryException(path, "Data directory '" + path + "' is not a writable directory",
					"Grant this user write permission on it, or set microlith.data-dir to another directory", null);
		}
	}

	private static DataDirectory lock(Path path) {
		Path lockFile = path.resolve(LOCK_FILE);
		FileChannel channel = null;
		try {
			channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				String owner = readOwner(channel);
				channel.close();
				throw new DataDirectoryException(path,
						"Data directory '" + path + "' is in use by another running node (process " + owner + ")",
						"Stop that node, or set microlith.data-dir to another directory", null);
			}
			writeOwner(channel);
			return new DataDirectory(path, channel, lock);
		}
		catch (IOException ex) {
			closeQuietly(channel, ex);
			throw new DataDirectoryException(path, "Cannot lock data directory '" + path + "': " + ex,
					"Check the permissions of " + lockFile + ", or set microlith.data-dir to another directory", ex);
		}
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// Another node in this same JVM holds the lock, which happens in tests.
			return null;
		}
	}

	private static String readOwner(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(64);
		int read = channel.read(buffer, 0);
		String owner = (read > 0) ? new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).trim() : "";
		return owner.isEmpty() ? "unknown" : owner;
	}

	private static void writeOwner(FileChannel channel) throws IOException {
		byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
		channel.truncate(0);
		channel.write(ByteBuffer.wrap(pid), 0);
		channel.force(false);
	}

	private static void closeQuietly(FileChannel channel, IOException failure) {
		if (channel == null) {
			return;
		}
		try {
			channel.close();
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

}
