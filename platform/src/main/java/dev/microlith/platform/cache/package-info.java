/**
 * Caches: the Ehcache cache manager, caches declared by components, loaders, origins and
 * invalidation from table changes.
 */
package dev.microlith.platform.cache;
