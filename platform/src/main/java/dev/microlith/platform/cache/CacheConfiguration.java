package dev.microlith.platform.cache;

import java.nio.file.Path;
import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.microlith.platform.node.DataDirectory;
import dev.microlith.platform.node.InvalidConfigurationException;
import dev.microlith.platform.storage.CommitListener;
import dev.microlith.platform.storage.StorageEngine;

/**
 * Beans of the node's caches: the {@link CacheService}, which also invalidates
 * table-bound caches, and its view as a Spring cache manager for Actuator.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	@Bean(destroyMethod = "close")
	CacheService cacheService(CacheProperties properties, DataDirectory dataDirectory, MeterRegistry meterRegistry) {
		if (properties.getRefreshThreads() < 1) {
			throw new InvalidConfigurationException(
					"Invalid microlith.caches.refresh-threads " + properties.getRefreshThreads()
							+ ": expected at least 1",
					"Set microlith.caches.refresh-threads to 1 or more, or remove it to use the default of 2");
		}
		Path directory = dataDirectory.path().resolve(properties.getDir());
		return new CacheService(directory, meterRegistry, properties.getRefreshThreads(), Clock.systemUTC());
	}

	/** Makes table-bound caches drop an entry after its write is durable and before the writer acknowledges it. */
	@Bean
	CommitListener tableCacheInvalidator(CacheService caches, StorageEngine storage) {
		CommitListener listener = caches::invalidate;
		storage.addCommitListener(listener);
		return listener;
	}

	@Bean
	ComponentCacheManager componentCacheManager(CacheService cacheService) {
		return new ComponentCacheManager(cacheService);
	}

}
