package dev.microlith.platform.storage;

import java.util.Map;

import dev.microlith.sdk.table.InvalidRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes records as generic JSON documents: maps of strings to JSON values. */
final class DocumentCodec implements RecordCodec<Map<String, Object>> {

	static final DocumentCodec INSTANCE = new DocumentCodec();

	private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {
	};

	private DocumentCodec() {
	}

	@Override
	public ObjectNode toTree(String table, Map<String, Object> value) {
		if (value == null) {
			throw new InvalidRecordException("Invalid record for table '" + table + "': expected a JSON object, not null");
		}
		try {
			return Json.mapper().valueToTree(value);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new InvalidRecordException(
					"Invalid record for table '" + table + "': cannot write it as JSON: " + ex.getMessage(), ex);
		}
	}

	@Override
	public Map<String, Object> decode(StoredRecord record) {
		return Json.mapper().readValue(record.json, DOCUMENT);
	}

	@Override
	public Map<String, Object> fromTree(String table, JsonNode tree) {
		return Json.mapper().treeToValue(tree, DOCUMENT);
	}

	@Override
	public JsonNode fieldToTree(Object value) {
		return Json.mapper().valueToTree(value);
	}

	@Override
	public Map<String, FieldKind> fields() {
		return null;
	}

}
