package dev.microlith.platform.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;

import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.table.DuplicateKeyException;
import dev.microlith.sdk.table.RecordNotFoundException;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.TableNotFoundException;
import dev.microlith.sdk.table.Transaction;
import dev.microlith.sdk.table.VersionConflictException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Handles {@code /api/{table}} and {@code /api/{table}/{key}}: reads, writes and queries
 * of the exported tables as JSON documents.
 * <p>
 * Reads and queries run on the calling thread, as table reads do; writes return the
 * table's {@link Mono}, which completes once the write is durable. A record's version is
 * its entity tag, so {@code If-None-Match} and {@code If-Match} work on it.
 */
final class TableApiHandler {

	static final String TOTAL_COUNT = "X-Total-Count";

	private final TableService tables;

	private final JsonBodyReader bodies;

	TableApiHandler(TableService tables, JsonBodyReader bodies) {
		this.tables = tables;
		this.bodies = bodies;
	}

	/** {@code GET /api/{table}/{key}}: the record, or 304 when {@code If-None-Match} names its version. */
	Mono<ServerResponse> get(ServerRequest request) {
		ExportedTable table = exported(request);
		Object key = table.key(request);
		Row<Object, Map<String, Object>> row = table.documents().getRow(key).orElseThrow(() -> notFound(table, key));
		String tag = EntityTags.of(row.version());
		if (EntityTags.ifNoneMatchHits(request.headers().header(HttpHeaders.IF_NONE_MATCH), row.version())) {
			return ServerResponse.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
		}
		return ServerResponse.ok().eTag(tag).contentType(MediaType.APPLICATION_JSON).bodyValue(row.value());
	}

	/**
	 * {@code PUT /api/{table}/{key}}: creates (201) or replaces (200) the record; with
	 * {@code If-None-Match: *} it only creates, and fails with 412 when the record exists.
	 */
	Mono<ServerResponse> put(ServerRequest request) {
		ExportedTable table = exported(request);
		Object key = table.key(request);
		List<String> ifMatch = request.headers().header(HttpHeaders.IF_MATCH);
		boolean createOnly = request.headers().header(HttpHeaders.IF_NONE_MATCH).stream()
			.anyMatch((header) -> header.trim().equals("*"));
		return this.bodies.readObject(request).flatMap((document) -> {
			if (createOnly) {
				return table.documents().insert(key, document).onErrorMap(DuplicateKeyException.class,
						(ex) -> new VersionConflictException("Precondition failed for record '" + key + "' of table '"
								+ table.name() + "': If-None-Match * requires that no record exists, but one does; "
								+ "read it, or PUT without If-None-Match to replace it", ex));
			}
			if (ifMatch.isEmpty()) {
				return table.documents().put(key, document);
			}
			long current = table.documents().getRow(key).map(Row::version).orElse(0L);
			if (!EntityTags.ifMatch(ifMatch, current)) {
				return Mono.error(preconditionFailed(table, key, ifMatch, current));
			}
			return table.documents().compareAndSet(key, current, document);
		}).flatMap((row) -> written(request, table, row));
	}

	/** {@code POST /api/{table}}: creates a record under a generated key (201 with {@code Location}). */
	Mono<ServerResponse> create(ServerRequest request) {
		ExportedTable table = exported(request);
		return this.bodies.readObject(request)
			.flatMap((document) -> table.documents().insert(document))
			.flatMap((row) -> written(request, table, row));
	}

	/** {@code PATCH /api/{table}/{key}}: merges the body into the record as a JSON merge patch. */
	Mono<ServerResponse> patch(ServerRequest request) {
		ExportedTable table = exported(request);
		Object key = table.key(request);
		List<String> ifMatch = request.headers().header(HttpHeaders.IF_MATCH);
		return this.bodies.readObject(request)
			.flatMap((patch) -> this.tables.tables().transaction((transaction) -> {
				Transaction.View<Object, Map<String, Object>> view = transaction.documents(table.name());
				Row<Object, Map<String, Object>> current = checked(view, table, key, ifMatch);
				return view.put(key, MergePatch.apply(current.value(), patch));
			}))
			.flatMap((row) -> written(request, table, row));
	}

	/** {@code DELETE /api/{table}/{key}}: 204, or 404 when the record is absent. */
	Mono<ServerResponse> delete(ServerRequest request) {
		ExportedTable table = exported(request);
		Object key = table.key(request);
		List<String> ifMatch = request.headers().header(HttpHeaders.IF_MATCH);
		return this.tables.tables().transaction((transaction) -> {
			Transaction.View<Object, Map<String, Object>> view = transaction.documents(table.name());
			checked(view, table, key, ifMatch);
			return view.delete(key);
		}).then(ServerResponse.noContent().build());
	}

	/** {@code GET /api/{table}}: the records matching the query parameters, as a JSON array or NDJSON. */
	Mono<ServerResponse> query(ServerRequest request) {
		ExportedTable table = exported(request);
		QueryParser.TableQuery query = QueryParser.parse(request.queryParams());
		Flux<RecordEntry> entries = table.documents().find(query.query()).map(RecordEntry::of);
		ServerResponse.BodyBuilder response = ServerResponse.ok();
		if (query.count()) {
			response.header(TOTAL_COUNT, Long.toString(table.documents().count(query.query())));
		}
		MediaType type = accepts(request, MediaType.APPLICATION_NDJSON) ? MediaType.APPLICATION_NDJSON
				: MediaType.APPLICATION_JSON;
		return response.contentType(type).body(entries, RecordEntry.class);
	}

	/**
	 * Returns the exported table named by the request's {@code table} variable.
	 * @throws TableNotFoundException when no table of that name is exported
	 */
	ExportedTable exported(ServerRequest request) {
		return exported(request.pathVariable("table"));
	}

	/**
	 * Returns the exported table {@code name}.
	 * @throws TableNotFoundException when no table of that name is exported
	 */
	ExportedTable exported(String name) {
		TableDefinition definition = this.tables.definition(name)
			.filter(TableDefinition::exported)
			.orElseThrow(() -> new TableNotFoundException("Table '" + name
					+ "' not found: no deployed component exports a table of that name; GET /api/openapi.json lists the exported tables"));
		return new ExportedTable(definition, this.tables.tables().documents(name));
	}

	/** Returns whether the request's {@code Accept} header names {@code type} itself, not through a wildcard. */
	static boolean accepts(ServerRequest request, MediaType type) {
		return request.headers()
			.accept()
			.stream()
			.anyMatch((accepted) -> accepted.getType().equals(type.getType())
					&& accepted.getSubtype().equals(type.getSubtype()));
	}

	private Mono<ServerResponse> written(ServerRequest request, ExportedTable table, Row<Object, Map<String, Object>> row) {
		String tag = EntityTags.of(row.version());
		ServerResponse.BodyBuilder response;
		if (row.version() == 1) {
			URI location = URI.create("/api/" + table.name() + "/"
					+ UriUtils.encodePathSegment(row.key().toString(), StandardCharsets.UTF_8));
			response = ServerResponse.created(location);
		}
		else {
			response = ServerResponse.ok();
		}
		return response.eTag(tag).contentType(MediaType.APPLICATION_JSON).bodyValue(RecordEntry.of(row));
	}

	private static Row<Object, Map<String, Object>> checked(Transaction.View<Object, Map<String, Object>> view,
			ExportedTable table, Object key, List<String> ifMatch) {
		Optional<Row<Object, Map<String, Object>>> current = view.get(key);
		if (current.isEmpty()) {
			throw notFound(table, key);
		}
		if (!ifMatch.isEmpty() && !EntityTags.ifMatch(ifMatch, current.get().version())) {
			throw preconditionFailed(table, key, ifMatch, current.get().version());
		}
		return current.get();
	}

	private static RecordNotFoundException notFound(ExportedTable table, Object key) {
		return new RecordNotFoundException("Record '" + key + "' not found in table '" + table.name()
				+ "'; create it with PUT /api/" + table.name() + "/" + key);
	}

	private static VersionConflictException preconditionFailed(ExportedTable table, Object key, List<String> ifMatch,
			long current) {
		return new VersionConflictException("Precondition failed for record '" + key + "' of table '" + table.name()
				+ "': If-Match " + String.join(", ", ifMatch) + " does not match its entity tag "
				+ ((current > 0) ? EntityTags.of(current) : "(the record is absent)")
				+ "; read the record again and retry with its current ETag");
	}

	/**
	 * An exported table with its definition and its document handle.
	 * @param definition the table's definition
	 * @param documents the table's records as JSON documents
	 */
	record ExportedTable(TableDefinition definition, Table<Object, Map<String, Object>> documents) {

		String name() {
			return this.definition.name();
		}

		/**
		 * Returns the request's {@code key} variable converted to the table's key type.
		 * @throws InvalidParameterException naming the key and the expected type
		 */
		Object key(ServerRequest request) {
			String key = request.pathVariable("key");
			try {
				return this.definition.keyType().convert(key);
			}
			catch (IllegalArgumentException ex) {
				InvalidParameterException invalid = new InvalidParameterException("key", key,
						ex.getMessage() + " as the key of table '" + name() + "'");
				invalid.initCause(ex);
				throw invalid;
			}
		}

	}

	/**
	 * One record as the REST API returns it.
	 * @param key the record's key
	 * @param version the record's version, also its entity tag
	 * @param record the record's fields
	 */
	record RecordEntry(Object key, long version, Map<String, Object> record) {

		static RecordEntry of(Row<Object, Map<String, Object>> row) {
			return new RecordEntry(row.key(), row.version(), row.value());
		}

	}

}
