package dev.microlith.platform.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.table.TableNotFoundException;
import reactor.core.publisher.Mono;

/**
 * The operations API's view of tables: {@code GET /ops/tables} and
 * {@code GET /ops/tables/{table}}, for every declared table, exported or not.
 * <p>
 * Backup and restore are not offered here because the storage engine has no backup or
 * restore operation yet.
 */
final class TableOperationsHandler {

	private final TableService tables;

	TableOperationsHandler(TableService tables) {
		this.tables = tables;
	}

	/** {@code GET /ops/tables}: every declared table, sorted by name. */
	Mono<ServerResponse> list(ServerRequest request) {
		List<TableDescriptor> descriptors = this.tables.definitions()
			.stream()
			.sorted(Comparator.comparing(TableDefinition::name))
			.map(this::describe)
			.toList();
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(descriptors);
	}

	/** {@code GET /ops/tables/{table}}: one table, or 404. */
	Mono<ServerResponse> get(ServerRequest request) {
		String name = request.pathVariable("table");
		TableDefinition definition = this.tables.definition(name)
			.orElseThrow(() -> new TableNotFoundException(
					"Table '" + name + "' not found: no deployed component declares it; GET /ops/tables lists the tables"));
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(describe(definition));
	}

	private TableDescriptor describe(TableDefinition definition) {
		Duration timeToLive = definition.timeToLive();
		return new TableDescriptor(definition.name(), definition.owner(), definition.exported(),
				definition.keyType().name().toLowerCase(Locale.ROOT),
				definition.indexes().stream().map(TableDefinition.IndexDefinition::field).toList(),
				(timeToLive != null) ? timeToLive.toString() : null,
				this.tables.tables().documents(definition.name()).count());
	}

	/**
	 * A table as the operations API describes it.
	 * @param name the table's name
	 * @param owner the component that declares it
	 * @param exported whether the REST API serves it
	 * @param keyType {@code string}, {@code long} or {@code uuid}
	 * @param indexes the indexed fields
	 * @param timeToLive how long a record lives after its last write, as an ISO-8601
	 * duration, or {@code null} for ever
	 * @param count the number of records
	 */
	record TableDescriptor(String name, String owner, boolean exported, String keyType, List<String> indexes,
			String timeToLive, long count) {
	}

}
