package dev.microlith.platform.component;

import java.nio.file.Path;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

import dev.microlith.platform.hub.RSocketRouteRegistry;
import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.hub.Hub;

/**
 * Wires the component runtime. Storage, the hub and RSocket routing are optional here:
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

	/**
	 * Creates the runtime once the node has locked its data directory. The directory is
	 * read from the property, because the node package depends on this one and a bean
	 * type from it would make the two packages a cycle.
	 */
	@Bean(destroyMethod = "close")
	@DependsOn("dataDirectory")
	ComponentRuntime componentRuntime(ComponentProperties properties, ComponentConfigProperties config,
			ComponentDescriptorReader reader, HttpRouteTable httpRoutes,
			@Value("${microlith.data-dir:data}") Path dataDirectory,
			MeterRegistry meters, ObjectProvider<TableService> tables, ObjectProvider<Hub> hub,
			ObjectProvider<RSocketRouteRegistry> rsocket, ObjectProvider<ComponentStateListener> listeners) {
		NodeServices services = new NodeServices(tables::getIfAvailable, hub::getIfAvailable,
				rsocket::getIfAvailable, meters, httpRoutes,
				name -> config.getComponentConfig().getOrDefault(name, Map.of()),
				dataDirectory.toAbsolutePath().normalize());
		ComponentRuntime runtime = new ComponentRuntime(properties, services, reader);
		listeners.orderedStream().forEach(runtime::addListener);
		return runtime;
	}

	@Bean
	ComponentDirectoryWatcher componentDirectoryWatcher(ComponentRuntime runtime, ComponentProperties properties) {
		return new ComponentDirectoryWatcher(runtime, properties);
	}

}
