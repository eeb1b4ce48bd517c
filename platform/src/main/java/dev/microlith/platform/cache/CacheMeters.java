package dev.microlith.platform.cache;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.ehcache.core.internal.statistics.DefaultStatisticsService;
import org.ehcache.core.statistics.TierStatistics;

import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.boot.cache.metrics.JCacheCacheMeterBinderProvider;

import dev.microlith.platform.cache.CacheService.CacheId;

/**
 * Meters and counters of the component caches.
 * <p>
 * Spring Boot binds only the caches it finds at start-up, so each cache is bound here when
 * it is created, through Boot's {@link CacheMetricsRegistrar} and Micrometer's JCache
 * meters, with a {@code component} tag. JCache has no entry count, so a {@code cache.size}
 * gauge with the same tags reads it from Ehcache's tier statistics. Releasing a cache
 * removes all of its meters. Thread-safe.
 * <p>
 * NOTE: Ehcache's {@link DefaultStatisticsService} is an internal class of Ehcache 3.12,
 * used here because the JCache provider does not expose its statistics service.
 */
final class CacheMeters {

	private final MeterRegistry meterRegistry;

	private final CacheMetricsRegistrar metricsRegistrar;

	private final DefaultStatisticsService statistics = new DefaultStatisticsService();

	CacheMeters(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
		this.metricsRegistrar = new CacheMetricsRegistrar(meterRegistry, List.of(new JCacheCacheMeterBinderProvider()));
	}

	/** Starts counting and publishing the meters of a new cache. */
	void bind(CacheId id, ComponentCache<?, ?> cache) {
		this.statistics.cacheAdded(id.alias(), cache.store().unwrap(org.ehcache.Cache.class));
		Tag component = Tag.of("component", id.owner());
		this.metricsRegistrar.bindCacheToRegistry(new SpringCacheView(cache), component);
		Gauge.builder("cache.size", this, (meters) -> meters.sizeGauge(id.alias()))
			.tags("cache", id.alias(), "name", id.alias())
			.tag(component.getKey(), component.getValue())
			.description("The number of entries in the cache's largest tier")
			.register(this.meterRegistry);
	}

	/** Removes the meters of a released cache, so that none refers to it or its class loader. */
	void unbind(CacheId id, ComponentCache<?, ?> cache) {
		for (Meter meter : this.meterRegistry.getMeters()) {
			Meter.Id meterId = meter.getId();
			if (id.alias().equals(meterId.getTag("cache")) && id.owner().equals(meterId.getTag("component"))) {
				this.meterRegistry.remove(meter);
			}
		}
		this.statistics.cacheRemoved(id.alias(), cache.store().unwrap(org.ehcache.Cache.class));
	}

	/** Returns the counters of a bound cache since it was created. */
	CacheStatistics statisticsOf(CacheId id) {
		org.ehcache.core.statistics.CacheStatistics counters = this.statistics.getCacheStatistics(id.alias());
		return new CacheStatistics(id.owner(), id.name(), counters.getCacheHits(), counters.getCacheMisses(),
				counters.getCachePuts(), counters.getCacheRemovals(), counters.getCacheEvictions(),
				sizeOf(counters));
	}

	private double sizeGauge(String alias) {
		try {
			return sizeOf(this.statistics.getCacheStatistics(alias));
		}
		catch (IllegalArgumentException ex) {
			// The cache was released between the registry's read and this call.
			return Double.NaN;
		}
	}

	private static long sizeOf(org.ehcache.core.statistics.CacheStatistics counters) {
		long size = 0;
		for (TierStatistics tier : counters.getTierStatistics().values()) {
			size = Math.max(size, tier.getMappings());
		}
		return size;
	}

}
