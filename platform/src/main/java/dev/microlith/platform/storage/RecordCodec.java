package dev.microlith.platform.storage;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between a table handle's record type and JSON.
 * @param <V> the record type
 */
interface RecordCodec<V> {

	/**
	 * Converts {@code value} to a JSON object.
	 * @throws dev.microlith.sdk.table.InvalidRecordException when it is not a JSON object
	 */
	ObjectNode toTree(String table, V value);

	/** Decodes a stored record into a fresh value (or a shared immutable one). */
	V decode(StoredRecord record);

	/**
	 * Converts a JSON object to the record type.
	 * @throws dev.microlith.sdk.table.InvalidRecordException when it does not match the type
	 */
	V fromTree(String table, JsonNode tree);

	/** Converts a field value of a patch to JSON. */
	JsonNode fieldToTree(Object value);

	/**
	 * Returns the record type's top-level fields with the kind of their values, or
	 * {@code null} when the type does not restrict fields.
	 */
	Map<String, FieldKind> fields();

	/** The kind of values a field holds, as far as queries check it. */
	enum FieldKind {

		NUMBER, STRING, BOOLEAN, ANY

	}

}
