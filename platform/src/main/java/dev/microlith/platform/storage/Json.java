package dev.microlith.platform.storage;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON mapper that encodes and decodes records, and its settings.
 * <p>
 * Unknown stored fields are ignored and missing ones read as the type's default (also for
 * primitives), so record classes can gain and lose fields between deployments.
 */
final class Json {

	private static final JsonMapper MAPPER = newMapper();

	private Json() {
	}

	/** Returns a new mapper with the record settings; one per record class keeps class loaders apart. */
	static JsonMapper newMapper() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.build();
	}

	static JsonMapper mapper() {
		return MAPPER;
	}

	/** Parses stored JSON, which the node wrote itself and so is always an object. */
	static ObjectNode readTree(byte[] json) {
		return (ObjectNode) MAPPER.readTree(json);
	}

	static byte[] write(JsonNode tree) {
		return MAPPER.writeValueAsBytes(tree);
	}

	/**
	 * Converts a value to a JSON tree.
	 * @throws JacksonException when the value cannot be written as JSON
	 */
	static JsonNode toTree(JsonMapper mapper, Object value) {
		return mapper.valueToTree(value);
	}

}
