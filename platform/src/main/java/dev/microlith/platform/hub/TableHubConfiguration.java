package dev.microlith.platform.hub;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.microlith.platform.storage.StorageEngine;
import dev.microlith.sdk.table.Change;

/**
 * Connects the tables to the hub: table changes on {@code tables/<table>/<key>} topics,
 * and the {@code tables.*} RSocket routes.
 */
@Configuration(proxyBeanMethods = false)
class TableHubConfiguration {

	@Bean(destroyMethod = "close")
	TableChangePublisher tableChangePublisher(StorageEngine storage, DefaultHub hub, JsonMapper mapper) {
		return new TableChangePublisher(storage, hub, (change) -> mapper.writeValueAsBytes(payload(change)));
	}

	/**
	 * Returns the hub payload of a change, with the fields of the REST API's change events:
	 * table, key, operation, version, sequence, timestamp and record ({@code null} for a
	 * delete).
	 */
	static Map<String, Object> payload(Change<?, ?> change) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("table", change.table());
		payload.put("key", change.key());
		payload.put("operation", change.operation());
		payload.put("version", change.version());
		payload.put("sequence", change.sequence());
		payload.put("timestamp", change.timestamp());
		payload.put("record", change.value());
		return payload;
	}

	@Bean(destroyMethod = "close")
	TableRSocketRoutes tableRSocketRoutes(StorageEngine storage, DefaultRSocketRouteRegistry registry,
			JsonMapper mapper) {
		return new TableRSocketRoutes(storage, registry, mapper);
	}

}
