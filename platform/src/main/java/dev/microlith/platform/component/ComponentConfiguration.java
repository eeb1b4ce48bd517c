package dev.microlith.platform.component;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.microlith.platform.cache.CacheService;
import dev.microlith.platform.hub.RSocketRouteRegistry;
import dev.microlith.platform.node.DataDirectory;
import dev.microlith.platform.security.PublicTables;
import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.hub.Hub;

/**
 * Wires the component runtime. Storage, caches, the hub and RSocket routing are optional here:
 * while one is not installed, a component that uses it fails with a message naming it.
 */
@Configuration(proxyBeanMethods = false)
class ComponentConfiguration {

	@Bean
	HttpRouteTable componentHttpRoutes() {
		return new HttpRouteTable();
	}

	@Bean
	ComponentDescriptorReader componentDescriptorReader() {
		return new ComponentDescriptorReader();
	}

	@Bean(destroyMethod = "close")
	ComponentRuntime componentRuntime(ComponentProperties properties, ComponentConfigProperties config,
			ComponentDescriptorReader reader, HttpRouteTable httpRoutes, DataDirectory dataDirectory,
			MeterRegistry meters, ObjectProvider<TableService> tables, ObjectProvider<Hub> hub,
			ObjectProvider<CacheService> caches, ObjectProvider<RSocketRouteRegistry> rsocket,
			ObjectProvider<ComponentStateListener> listeners) {
		NodeServices services = new NodeServices(tables::getIfAvailable, hub::getIfAvailable, caches::getIfAvailable,
				rsocket::getIfAvailable, meters, httpRoutes,
				name -> config.getComponentConfig().getOrDefault(name, Map.of()),
				dataDirectory.path());
		ComponentRuntime runtime = new ComponentRuntime(properties, services, reader);
		listeners.orderedStream().forEach(runtime::addListener);
		return runtime;
	}

	/** Lets the access policy see the table operations that components open to everyone. */
	@Bean
	PublicTables componentPublicTables(ComponentRuntime runtime) {
		return runtime::publicOperations;
	}

	@Bean
	ComponentDirectoryWatcher componentDirectoryWatcher(ComponentRuntime runtime, ComponentProperties properties) {
		return new ComponentDirectoryWatcher(runtime, properties);
	}

}
