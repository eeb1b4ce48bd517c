package dev.microlith.platform.cache;

/**
 * Counters of one cache since it was created, for the operations API.
 * @param component the component that declares the cache
 * @param name the cache's name within the component
 * @param hits lookups that found a value
 * @param misses lookups that found none
 * @param puts values stored, by writes and by loads
 * @param removals entries removed by callers and invalidations
 * @param evictions entries removed to make room
 * @param size entries currently stored in the largest tier, which may include expired
 * entries that were not yet removed
 */
public record CacheStatistics(String component, String name, long hits, long misses, long puts, long removals,
		long evictions, long size) {

}
