package dev.microlith.platform.hub;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.microlith.platform.storage.StorageEngine;

/**
 * Connects the tables to the hub: table changes on {@code tables/<table>/<key>} topics,
 * and the {@code tables.*} RSocket routes.
 */
@Configuration(proxyBeanMethods = false)
class TableHubConfiguration {

	@Bean(destroyMethod = "close")
	TableChangePublisher tableChangePublisher(StorageEngine storage, DefaultHub hub, JsonMapper mapper) {
		return new TableChangePublisher(storage, hub, mapper::writeValueAsBytes);
	}

	@Bean(destroyMethod = "close")
	TableRSocketRoutes tableRSocketRoutes(StorageEngine storage, DefaultRSocketRouteRegistry registry,
			JsonMapper mapper) {
		return new TableRSocketRoutes(storage, registry, mapper);
	}

}
