package dev.microlith.platform.cache;

import org.springframework.cache.jcache.JCacheCache;

/**
 * A component's cache as a Spring cache, for {@code /actuator/caches} and Spring Boot's
 * cache meters. Clearing it goes through the cache's load guard, like {@link ComponentCache#clear()}.
 */
final class SpringCacheView extends JCacheCache {

	private final ComponentCache<?, ?> cache;

	@SuppressWarnings("unchecked")
	SpringCacheView(ComponentCache<?, ?> cache) {
		super((javax.cache.Cache<Object, Object>) (javax.cache.Cache<?, ?>) cache.store());
		this.cache = cache;
	}

	@Override
	public void clear() {
		this.cache.clear();
	}

	@Override
	public boolean invalidate() {
		this.cache.clear();
		return true;
	}

}
