package dev.microlith.platform.component;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;

import dev.microlith.platform.cache.CacheService;
import dev.microlith.platform.hub.RSocketRouteRegistry;
import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.hub.Hub;

/**
 * What the node hands to components. The suppliers return {@code null} while a capability
 * is not installed on this node; the component context then fails with a message that
 * names the capability.
 * @param tables the storage capability
 * @param hub the stream hub
 * @param caches the cache capability
 * @param rsocket the registry of RSocket routes
 * @param meters the node's meter registry
 * @param httpRoutes the component HTTP routes
 * @param config each component's configuration, by component name, never {@code null}
 * @param dataDirectory the node's data directory
 */
public record NodeServices(Supplier<TableService> tables, Supplier<Hub> hub, Supplier<CacheService> caches,
		Supplier<RSocketRouteRegistry> rsocket,
		MeterRegistry meters, HttpRouteTable httpRoutes, Function<String, Map<String, String>> config,
		Path dataDirectory) {

	/** Returns the directory of {@code component}'s deployments and work directory. */
	Path componentDirectory(String component) {
		return this.dataDirectory.resolve("components").resolve(component);
	}

	/** Returns the directory where uploaded jars wait for their deploy. */
	Path uploadDirectory() {
		return this.dataDirectory.resolve("components").resolve(".uploads");
	}

}
