package dev.microlith.platform.cache;

import java.util.Collection;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * The caches of the running components as a Spring {@link CacheManager}, so that
 * {@code /actuator/caches} lists them, named {@code <component>.<cache>}, and can clear
 * them. It reads the {@link CacheService} on every call, so caches created and released
 * at runtime appear and disappear.
 */
class ComponentCacheManager implements CacheManager {

	private final CacheService service;

	ComponentCacheManager(CacheService service) {
		this.service = service;
	}

	@Override
	public Cache getCache(String name) {
		return this.service.springCache(name);
	}

	@Override
	public Collection<String> getCacheNames() {
		return this.service.cacheNames();
	}

}
