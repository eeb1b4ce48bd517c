package dev.microlith.platform.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.microlith.platform.storage.TableDefinition;

/**
 * Builds the OpenAPI 3 document of the REST API over the exported tables, served at
 * {@code GET /api/openapi.json}.
 * <p>
 * Records are described as free-form objects, because tables store any JSON object.
 * Query conditions on fields are one free-form parameter object, since their names are
 * the records' field names.
 */
final class OpenApiDocument {

	private static final String JSON = "application/json";

	private static final String PROBLEM = "application/problem+json";

	private OpenApiDocument() {
	}

	/** Returns the document for {@code tables}; tables that are not exported are left out. */
	static Map<String, Object> of(List<TableDefinition> tables, String version) {
		Map<String, Object> paths = new LinkedHashMap<>();
		tables.stream()
			.filter(TableDefinition::exported)
			.sorted(Comparator.comparing(TableDefinition::name))
			.forEach((table) -> {
				paths.put("/api/" + table.name(), collectionPath(table));
				paths.put("/api/" + table.name() + "/{key}", recordPath(table));
				paths.put("/api/" + table.name() + "/import", importPath(table));
			});
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("openapi", "3.0.3");
		document.put("info", Map.of("title", "Microlith tables", "version", version, "description",
				"The REST API over the tables that deployed components export."));
		document.put("paths", paths);
		document.put("components", components());
		return document;
	}

	private static Map<String, Object> collectionPath(TableDefinition table) {
		List<Object> parameters = new ArrayList<>();
		parameters.add(Map.of("name", "conditions", "in", "query", "style", "form", "explode", true, "description",
				"Conditions on fields, ANDed: field=value, or field=op=value with op one of eq, ne, gt, ge, lt, le, sw, ct, in.",
				"schema", Map.of("type", "object", "additionalProperties", Map.of("type", "string"))));
		parameters.add(queryParameter("sort", "Fields to sort by, comma-separated; a leading minus sorts descending.",
				Map.of("type", "string")));
		parameters.add(queryParameter("limit", "Maximum number of records.", Map.of("type", "integer", "minimum", 0)));
		parameters.add(queryParameter("offset", "Number of matching records to skip.",
				Map.of("type", "integer", "minimum", 0)));
		parameters.add(queryParameter("select", "Fields to keep in each record, comma-separated.",
				Map.of("type", "string")));
		parameters.add(queryParameter("count", "Whether to return the number of matches in X-Total-Count.",
				Map.of("type", "boolean")));
		Map<String, Object> query = operation("Query the records of " + table.name(), parameters, null,
				Map.of("200", response("The matching records", Map.of(JSON, arrayOf("RecordEntry"),
						"application/x-ndjson", ref("RecordEntry"), "text/event-stream", Map.of("schema",
								Map.of("type", "string"))))));
		Map<String, Object> create = operation("Create a record of " + table.name() + " under a generated key",
				List.of(), recordBody(), Map.of("201", response("The created record", Map.of(JSON, ref("RecordEntry")))));
		return Map.of("get", query, "post", create);
	}

	private static Map<String, Object> recordPath(TableDefinition table) {
		List<Object> key = List.of(Map.of("name", "key", "in", "path", "required", true, "schema", keySchema(table)));
		List<Object> read = new ArrayList<>(key);
		read.add(header("If-None-Match"));
		List<Object> write = new ArrayList<>(key);
		write.add(header("If-Match"));
		Map<String, Object> path = new LinkedHashMap<>();
		path.put("get", operation("Read a record of " + table.name(), read, null,
				Map.of("200", response("The record", Map.of(JSON, ref("Record"))), "304",
						Map.of("description", "Not modified"))));
		path.put("put", operation("Create or replace a record of " + table.name(), write, recordBody(),
				Map.of("200", response("The replaced record", Map.of(JSON, ref("RecordEntry"))), "201",
						response("The created record", Map.of(JSON, ref("RecordEntry"))))));
		path.put("patch", operation("Merge fields into a record of " + table.name() + " (JSON merge patch)", write,
				recordBody(), Map.of("200", response("The patched record", Map.of(JSON, ref("RecordEntry"))))));
		path.put("delete", operation("Delete a record of " + table.name(), write, null,
				Map.of("204", Map.of("description", "Deleted"))));
		return path;
	}

	private static Map<String, Object> importPath(TableDefinition table) {
		List<Object> parameters = List.of(queryParameter("key", "The field that contains each record's key.",
				Map.of("type", "string")));
		Map<String, Object> body = Map.of("required", true, "content", Map.of("application/x-ndjson",
				Map.of("schema", Map.of("type", "string")), JSON, arrayOf("Record"), "text/csv",
				Map.of("schema", Map.of("type", "string"))));
		return Map.of("post", operation("Import records into " + table.name() + " in batches", parameters, body,
				Map.of("202", response("The import job", Map.of(JSON, Map.of("schema", Map.of("type", "object")))))));
	}

	private static Map<String, Object> operation(String summary, List<Object> parameters, Map<String, Object> body,
			Map<String, Object> responses) {
		Map<String, Object> all = new LinkedHashMap<>(responses);
		all.put("default", response("A problem", Map.of(PROBLEM, ref("Problem"))));
		Map<String, Object> operation = new LinkedHashMap<>();
		operation.put("summary", summary);
		if (!parameters.isEmpty()) {
			operation.put("parameters", parameters);
		}
		if (body != null) {
			operation.put("requestBody", body);
		}
		operation.put("responses", all);
		return operation;
	}

	private static Map<String, Object> keySchema(TableDefinition table) {
		return switch (table.keyType()) {
			case STRING -> Map.of("type", "string");
			case LONG -> Map.of("type", "integer", "format", "int64");
			case UUID -> Map.of("type", "string", "format", "uuid");
		};
	}

	private static Map<String, Object> queryParameter(String name, String description, Map<String, Object> schema) {
		return Map.of("name", name, "in", "query", "description", description, "schema", schema);
	}

	private static Map<String, Object> header(String name) {
		return Map.of("name", name, "in", "header", "description", "Entity tags: the record version in quotes.",
				"schema", Map.of("type", "string"));
	}

	private static Map<String, Object> recordBody() {
		return Map.of("required", true, "content", Map.of(JSON, ref("Record")));
	}

	private static Map<String, Object> response(String description, Map<String, Object> content) {
		return Map.of("description", description, "content", content);
	}

	private static Map<String, Object> ref(String schema) {
		return Map.of("schema", Map.of("$ref", "#/components/schemas/" + schema));
	}

	private static Map<String, Object> arrayOf(String schema) {
		return Map.of("schema", Map.of("type", "array", "items", Map.of("$ref", "#/components/schemas/" + schema)));
	}

	private static Map<String, Object> components() {
		Map<String, Object> schemas = new LinkedHashMap<>();
		schemas.put("Record", Map.of("type", "object", "additionalProperties", true));
		schemas.put("RecordEntry", Map.of("type", "object", "required", List.of("key", "version", "record"),
				"properties", Map.of("key", Map.of(), "version", Map.of("type", "integer", "format", "int64"), "record",
						Map.of("$ref", "#/components/schemas/Record"))));
		schemas.put("Problem", Map.of("type", "object", "properties", Map.of("type", Map.of("type", "string"), "title",
				Map.of("type", "string"), "status", Map.of("type", "integer"), "detail", Map.of("type", "string"),
				"instance", Map.of("type", "string"))));
		return Map.of("schemas", schemas);
	}

}
