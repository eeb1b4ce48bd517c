/**
 * Caches: the Ehcache cache manager, caches declared by components, loaders, origins and
 * invalidation from table changes.
 * <p>
 * {@link dev.microlith.platform.cache.CacheService} creates and releases the caches of a
 * component from {@link dev.microlith.platform.cache.CacheDefinition}s and implements
 * {@link dev.microlith.platform.cache.TableCacheInvalidator}, the hook the storage writer
 * calls before it acknowledges a write.
 */
package dev.microlith.platform.cache;
