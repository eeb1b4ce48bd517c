package dev.microlith.platform.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import dev.microlith.sdk.table.Change.Operation;

/**
 * One committed change as the change log keeps it, with the record as JSON bytes.
 * <p>
 * On disk: a format byte, the table name and the key's string form (modified UTF-8, as
 * {@link DataOutputStream#writeUTF} writes them), the key type and operation ordinals, then
 * version, sequence and timestamp as big-endian 64-bit integers, then the JSON length and
 * bytes (length -1 for a delete).
 * @param table the table's name
 * @param keyType the type of {@code key}
 * @param key the record's key
 * @param operation what the write did
 * @param json the record after the write, or {@code null} for a delete
 * @param version the record's version after the write, or the deleted version
 * @param sequence the node-wide commit sequence
 * @param timestamp the hybrid logical clock timestamp
 */
record LoggedChange(String table, KeyType keyType, Object key, Operation operation, byte[] json, long version,
		long sequence, long timestamp) {

	private static final byte FORMAT = 1;

	byte[] encode() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + ((this.json != null) ? this.json.length : 0));
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(FORMAT);
			out.writeUTF(this.table);
			out.writeByte(this.keyType.ordinal());
			out.writeUTF(this.key.toString());
			out.writeByte(this.operation.ordinal());
			out.writeLong(this.version);
			out.writeLong(this.sequence);
			out.writeLong(this.timestamp);
			out.writeInt((this.json != null) ? this.json.length : -1);
			if (this.json != null) {
				out.write(this.json);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static LoggedChange decode(byte[] stored) {
		try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(stored))) {
			byte format = in.readByte();
			if (format != FORMAT) {
				throw new StorageFormatException("Unknown change log format " + format + ": expected " + FORMAT
						+ "; the store was written by a newer Microlith, so open it with that version");
			}
			String table = in.readUTF();
			KeyType keyType = KeyType.values()[in.readByte()];
			Object key = keyType.convert(in.readUTF());
			Operation operation = Operation.values()[in.readByte()];
			long version = in.readLong();
			long sequence = in.readLong();
			long timestamp = in.readLong();
			int length = in.readInt();
			byte[] json = (length >= 0) ? in.readNBytes(length) : null;
			return new LoggedChange(table, keyType, key, operation, json, version, sequence, timestamp);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
