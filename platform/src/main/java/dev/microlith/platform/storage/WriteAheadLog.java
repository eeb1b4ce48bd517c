package dev.microlith.platform.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The node's own write-ahead log in front of MapDB: committed change batches appended to
 * one file and synced with a single {@code fdatasync}.
 * <p>
 * A MapDB commit creates, syncs and deletes a log file and syncs the store, which costs
 * milliseconds. Appending to this file and syncing it costs far less, so a write is
 * durable once its batch is here, and MapDB commits (checkpoints) only now and then, after
 * which the log is emptied. At start-up the batches after MapDB's last commit are replayed.
 * <p>
 * Each batch is written as its payload length (int), the CRC-32C of the payload (int) and
 * the payload: the number of changes (int), then each change's length (int) and
 * {@link LoggedChange#encode() encoding}. A batch cut short by a crash fails its check
 * and is dropped with everything after it; it was never acknowledged. Not thread-safe:
 * only the writer thread uses an instance after start-up.
 */
final class WriteAheadLog implements AutoCloseable {

	static final String FILE = "tables.wal";

	private static final int HEADER = 2 * Integer.BYTES;

	private final Path file;

	private final FileChannel channel;

	private long size;

	private WriteAheadLog(Path file, FileChannel channel, long size) {
		this.file = file;
		this.channel = channel;
		this.size = size;
	}

	/** Opens the log in {@code directory}, creating it when missing. */
	static WriteAheadLog open(Path directory) {
		Path file = directory.resolve(FILE);
		try {
			boolean created = !Files.exists(file);
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			if (created) {
				syncDirectory(directory);
			}
			return new WriteAheadLog(file, channel, channel.size());
		}
		catch (IOException ex) {
			throw new StorageException("Cannot open the write-ahead log '" + file + "': " + ex
					+ "; check that the data directory is writable", ex);
		}
	}

	/** Returns a log that keeps nothing, for a store in memory. */
	static WriteAheadLog none() {
		return new WriteAheadLog(null, null, 0);
	}

	/**
	 * Reads the complete batches in order, and cuts off a torn or corrupt tail so that new
	 * batches follow the last good one.
	 */
	List<List<LoggedChange>> readBatches() {
		List<List<LoggedChange>> batches = new ArrayList<>();
		if (this.channel == null) {
			return batches;
		}
		try {
			long position = 0;
			while (true) {
				List<LoggedChange> batch = readBatch(position);
				if (batch == null) {
					break;
				}
				batches.add(batch);
				position = this.channel.position();
			}
			if (position < this.size) {
				this.channel.truncate(position);
				this.channel.force(false);
				this.size = position;
			}
			this.channel.position(this.size);
		}
		catch (IOException ex) {
			throw new StorageException("Cannot read the write-ahead log '" + this.file + "': " + ex, ex);
		}
		return batches;
	}

	/**
	 * Appends a batch and syncs it to disk. On failure the log is cut back to where it
	 * was, so the batch counts as never written.
	 * @throws IOException when writing or syncing fails
	 */
	void append(List<LoggedChange> changes) throws IOException {
		if (this.channel == null) {
			return;
		}
		ByteBuffer batch = encode(changes);
		try {
			while (batch.hasRemaining()) {
				this.channel.write(batch);
			}
			this.channel.force(false);
			this.size = this.channel.position();
		}
		catch (IOException ex) {
			cutBack(ex);
			throw ex;
		}
	}

	/** Empties the log, after MapDB committed everything in it. */
	void clear() throws IOException {
		if (this.channel == null || this.size == 0) {
			return;
		}
		this.channel.truncate(0);
		this.channel.force(false);
		this.channel.position(0);
		this.size = 0;
	}

	long size() {
		return this.size;
	}

	@Override
	public void close() throws IOException {
		if (this.channel != null) {
			this.channel.close();
		}
	}

	private List<LoggedChange> readBatch(long position) throws IOException {
		ByteBuffer header = ByteBuffer.allocate(HEADER);
		if (readFully(header, position) < HEADER) {
			return null;
		}
		header.flip();
		int length = header.getInt();
		int checksum = header.getInt();
		if (length <= 0 || position + HEADER + length > this.size) {
			return null;
		}
		ByteBuffer payload = ByteBuffer.allocate(length);
		readFully(payload, position + HEADER);
		if (checksum != checksum(payload.array())) {
			return null;
		}
		this.channel.position(position + HEADER + length);
		payload.flip();
		int count = payload.getInt();
		List<LoggedChange> changes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			byte[] change = new byte[payload.getInt()];
			payload.get(change);
			changes.add(LoggedChange.decode(change));
		}
		return changes;
	}

	private int readFully(ByteBuffer buffer, long position) throws IOException {
		int total = 0;
		while (buffer.hasRemaining()) {
			int read = this.channel.read(buffer, position + total);
			if (read < 0) {
				break;
			}
			total += read;
		}
		return total;
	}

	private static ByteBuffer encode(List<LoggedChange> changes) {
		List<byte[]> encoded = new ArrayList<>(changes.size());
		int length = Integer.BYTES;
		for (LoggedChange change : changes) {
			byte[] bytes = change.encode();
			encoded.add(bytes);
			length += Integer.BYTES + bytes.length;
		}
		ByteBuffer payload = ByteBuffer.allocate(length);
		payload.putInt(changes.size());
		for (byte[] bytes : encoded) {
			payload.putInt(bytes.length).put(bytes);
		}
		ByteBuffer batch = ByteBuffer.allocate(HEADER + length);
		batch.putInt(length).putInt(checksum(payload.array())).put(payload.array());
		return batch.flip();
	}

	private static int checksum(byte[] payload) {
		CRC32C crc = new CRC32C();
		crc.update(payload);
		return (int) crc.getValue();
	}

	private void cutBack(IOException failure) {
		try {
			this.channel.truncate(this.size);
			this.channel.position(this.size);
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static void syncDirectory(Path directory) throws IOException {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

}
