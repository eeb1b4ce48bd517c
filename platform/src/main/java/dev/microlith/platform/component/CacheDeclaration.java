package dev.microlith.platform.component;

import java.time.Duration;
import java.util.UUID;

import org.springframework.util.unit.DataSize;

import dev.microlith.platform.cache.CacheDefinition;

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
 * @param survivesRedeploy whether entries are kept when the component is redeployed
 * @param origin the stale windows of an origin-backed cache, or {@code null} for a cache
 * without an origin
 */
public record CacheDeclaration(String name, String keyType, String valueType, long size, long offHeapBytes,
		long diskBytes, Duration timeToLive, Duration timeToIdle, String table, boolean survivesRedeploy,
		CacheDefinition.Origin origin) {

	/**
	 * Returns the definition the cache capability builds the cache from.
	 * @throws dev.microlith.platform.cache.InvalidCacheDefinitionException when a field
	 * breaks a rule of {@link CacheDefinition}, naming the cache and the field
	 */
	public CacheDefinition toDefinition() {
		String keyClass = switch (this.keyType) {
			case "long" -> Long.class.getName();
			case "uuid" -> UUID.class.getName();
			default -> String.class.getName();
		};
		return new CacheDefinition(this.name, keyClass, this.valueType, this.size, size(this.offHeapBytes),
				size(this.diskBytes), this.timeToLive, this.timeToIdle, this.table, this.survivesRedeploy, this.origin);
	}

	private static DataSize size(long bytes) {
		return (bytes > 0) ? DataSize.ofBytes(bytes) : null;
	}

}
