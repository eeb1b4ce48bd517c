package dev.microlith.platform.hub;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.microlith.platform.hub.RSocketRouteRegistry.Registration;
import dev.microlith.platform.hub.RSocketRouteRegistry.RouteHandler;
import dev.microlith.platform.security.Requirement;
import dev.microlith.platform.security.TableOperation;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.rsocket.RSocketRequest;
import dev.microlith.sdk.table.ChangeFeed;
import dev.microlith.sdk.table.RecordNotFoundException;
import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.TableNotFoundException;

/**
 * The node's RSocket routes over exported tables.
 * <ul>
 * <li>{@value #GET}: request-response. The data is the key as JSON (a string or a
 * number), the response {@code {"key":…,"version":…,"record":{…}}}, or an error when the
 * record is absent.</li>
 * <li>{@value #CHANGES}: request-stream of the table's changes in commit order. The data
 * is empty for live changes only, or {@code {"afterSequence": n}} to replay the retained
 * changes committed after sequence {@code n} first.</li>
 * </ul>
 */
final class TableRSocketRoutes implements AutoCloseable {

	static final String GET = "tables.{table}.get";

	static final String CHANGES = "tables.{table}.changes";

	private final TableService tables;

	private final ObjectMapper mapper;

	private final List<Registration> registrations;

	TableRSocketRoutes(TableService tables, DefaultRSocketRouteRegistry registry, ObjectMapper mapper) {
		this.tables = tables;
		this.mapper = mapper;
		this.registrations = List.of(
				registry.registerNodeRoute(GET, new RouteHandler.RequestResponse(this::get), TableRSocketRoutes::read),
				registry.registerNodeRoute(CHANGES, new RouteHandler.RequestStream(this::changes), TableRSocketRoutes::read));
	}

	private static Requirement read(Map<String, String> variables) {
		return new Requirement.TableAccess(variables.get("table"), TableOperation.READ);
	}

	private Mono<?> get(RSocketRequest request) {
		String table = exported(request);
		Object key = readKey(request, table);
		return Mono.justOrEmpty(documents(table).getRow(key))
			.map(row -> Map.of("key", row.key(), "version", row.version(), "record", row.value()))
			.switchIfEmpty(Mono.error(() -> new RecordNotFoundException(
					"No record with key '" + key + "' in table '" + table + "'")));
	}

	private Flux<?> changes(RSocketRequest request) {
		String table = exported(request);
		long after = readAfterSequence(request, table);
		return documents(table).changes(after);
	}

	private Table<Object, Map<String, Object>> documents(String table) {
		return this.tables.tables().documents(table);
	}

	private String exported(RSocketRequest request) {
		String table = request.routeVariable("table").orElseThrow();
		boolean exported = this.tables.definition(table).map(TableDefinition::exported).orElse(false);
		if (!exported) {
			throw new TableNotFoundException("No exported table '" + table
					+ "': check the name, or export the table in its component's descriptor");
		}
		return table;
	}

	private Object readKey(RSocketRequest request, String table) {
		JsonNode key = readData(request);
		if (key == null || !(key.isString() || key.isIntegralNumber())) {
			throw new IllegalArgumentException("Invalid key " + key + " for table '" + table
					+ "': send the key as JSON, a string such as \"abc\" or a number such as 42");
		}
		return key.isString() ? key.asString() : key.asLong();
	}

	private long readAfterSequence(RSocketRequest request, String table) {
		JsonNode data = readData(request);
		if (data == null) {
			return ChangeFeed.NOW;
		}
		JsonNode after = data.get("afterSequence");
		if (!data.isObject() || after == null || !after.isIntegralNumber() || after.asLong() < 0) {
			throw new IllegalArgumentException("Invalid request for changes of table '" + table + "': " + data
					+ "; expected no data, or {\"afterSequence\": n} with n zero or more");
		}
		return after.asLong();
	}

	private JsonNode readData(RSocketRequest request) {
		byte[] data = request.data();
		if (data.length == 0) {
			return null;
		}
		try {
			return this.mapper.readTree(data);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Invalid JSON data for route '" + request.route() + "'", ex);
		}
	}

	@Override
	public void close() {
		this.registrations.forEach(Registration::close);
	}

}
