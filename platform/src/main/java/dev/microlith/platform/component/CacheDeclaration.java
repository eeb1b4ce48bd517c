package dev.microlith.platform.component;

import java.time.Duration;

/**
 * A cache as a component's descriptor declares it. The component runtime only parses and
 * validates it; the cache capability builds the cache.
 * @param name the cache's name, unique within the component
 * @param keyType the key type: {@code string}, {@code long} or {@code uuid}
 * @param valueType the binary name of the value class, looked up in the component's class
 * loader, or {@code java.lang.Object} for JSON documents
 * @param size the maximum number of entries kept on the heap
 * @param offHeapBytes the size of the off-heap tier in bytes, or 0 for none
 * @param diskBytes the size of the disk tier in bytes, or 0 for none
 * @param timeToLive how long an entry lives after it is written, or {@code null} for ever
 * @param timeToIdle how long an entry lives after it is last read, or {@code null} for ever
 * @param table the table whose changes invalidate the cache's entries with the same key,
 * or {@code null} for none
 */
public record CacheDeclaration(String name, String keyType, String valueType, long size, long offHeapBytes,
		long diskBytes, Duration timeToLive, Duration timeToIdle, String table) {

}
