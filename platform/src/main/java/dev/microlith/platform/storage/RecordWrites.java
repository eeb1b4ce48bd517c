package dev.microlith.platform.storage;

import java.util.Map;
import java.util.function.UnaryOperator;

import dev.microlith.sdk.table.DuplicateKeyException;
import dev.microlith.sdk.table.InvalidRecordException;
import dev.microlith.sdk.table.RecordNotFoundException;
import dev.microlith.sdk.table.VersionConflictException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write operations of tables and transactions, run by the writer thread in a
 * {@link WriteScope}.
 */
final class RecordWrites {

	private RecordWrites() {
	}

	/**
	 * Encodes a record as JSON bytes and checks its size.
	 * @throws InvalidRecordException when the JSON is larger than {@code maxRecordSize}
	 */
	static byte[] encode(String table, Object key, JsonNode tree, long maxRecordSize) {
		byte[] json = Json.write(tree);
		if (json.length > maxRecordSize) {
			throw new InvalidRecordException("Record '" + key + "' for table '" + table + "' is " + json.length
					+ " bytes as JSON, more than the limit of " + maxRecordSize
					+ " bytes; store large data elsewhere or raise microlith.storage.max-record-size");
		}
		return json;
	}

	static StoredRecord insert(WriteScope scope, TableState table, Object key, byte[] json) {
		if (scope.current(table, key) != null) {
			throw new DuplicateKeyException("Cannot insert into table '" + table.name() + "': key '" + key
					+ "' already exists; use put to replace the record, or another key");
		}
		return scope.write(table, key, json);
	}

	/** Inserts a record under the next long key that has no record. */
	static Map.Entry<Object, StoredRecord> insertWithNextKey(WriteScope scope, TableState table, byte[] json) {
		long key = scope.nextLongKey(table);
		while (scope.current(table, key) != null) {
			key = scope.nextLongKey(table);
		}
		return Map.entry(key, scope.write(table, key, json));
	}

	static StoredRecord patch(WriteScope scope, TableState table, Object key, Map<String, ?> fields,
			RecordCodec<?> codec, long maxRecordSize) {
		StoredRecord current = requireCurrent(scope, table, key, "patch");
		ObjectNode document = Json.readTree(current.json);
		fields.forEach((name, value) -> {
			if (value == null) {
				document.remove(name);
			}
			else {
				document.set(name, fieldToTree(table, key, name, value, codec));
			}
		});
		codec.fromTree(table.name(), document);
		return scope.write(table, key, encode(table.name(), key, document, maxRecordSize));
	}

	/** Applies {@code function}; returns the new record, or {@code null} when the record is absent afterwards. */
	static <V> StoredRecord update(WriteScope scope, TableState table, Object key, UnaryOperator<V> function,
			RecordCodec<V> codec, long maxRecordSize) {
		StoredRecord current = scope.current(table, key);
		V next = function.apply((current != null) ? codec.decode(current) : null);
		if (next == null) {
			scope.delete(table, key);
			return null;
		}
		JsonNode tree = codec.toTree(table.name(), next);
		return scope.write(table, key, encode(table.name(), key, tree, maxRecordSize));
	}

	static StoredRecord compareAndSet(WriteScope scope, TableState table, Object key, long expectedVersion,
			byte[] json) {
		StoredRecord current = scope.current(table, key);
		long version = (current != null) ? current.version : 0;
		if (version != expectedVersion) {
			throw new VersionConflictException("Cannot write key '" + key + "' of table '" + table.name()
					+ "': expected version " + expectedVersion + " but it is at version " + version
					+ " (0 means absent); read the record again and retry");
		}
		return scope.write(table, key, json);
	}

	static StoredRecord requireCurrent(WriteScope scope, TableState table, Object key, String operation) {
		StoredRecord current = scope.current(table, key);
		if (current == null) {
			throw new RecordNotFoundException("Cannot " + operation + " key '" + key + "' of table '" + table.name()
					+ "': no record has that key; insert it first");
		}
		return current;
	}

	private static JsonNode fieldToTree(TableState table, Object key, String name, Object value,
			RecordCodec<?> codec) {
		try {
			return codec.fieldToTree(value);
		}
		catch (RuntimeException ex) {
			throw new InvalidRecordException("Invalid value for field '" + name + "' of key '" + key + "' in table '"
					+ table.name() + "': cannot write it as JSON: " + ex.getMessage(), ex);
		}
	}

}
