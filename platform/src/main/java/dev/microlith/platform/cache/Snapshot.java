package dev.microlith.platform.cache;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.ehcache.spi.serialization.SerializerException;
import org.slf4j.Logger;
import tools.jackson.databind.json.JsonMapper;

/**
 * The entries of a released cache that survives redeploys and has no disk tier, as JSON
 * that no longer refers to any class of the released component. The next deploy reads
 * them back with its own class loader.
 * <p>
 * NOTE: the snapshot keeps every entry in memory until the component is deployed again or
 * discarded, so a large surviving cache should have a disk tier.
 */
final class Snapshot {

	private final List<byte[]> keys;

	private final List<byte[]> entries;

	private Snapshot(List<byte[]> keys, List<byte[]> entries) {
		this.keys = keys;
		this.entries = entries;
	}

	/** Returns the entries of {@code cache}; entries that cannot be written as JSON are left out and logged. */
	static Snapshot of(ComponentCache<?, ?> cache, Logger logger) {
		JsonMapper mapper = JsonSerializers.newMapper();
		JsonSerializers.KeySerializer keySerializer = new JsonSerializers.KeySerializer(mapper, cache.keyClass());
		JsonSerializers.EntrySerializer entrySerializer = new JsonSerializers.EntrySerializer(mapper,
				cache.valueClass());
		List<byte[]> keys = new ArrayList<>();
		List<byte[]> entries = new ArrayList<>();
		int skipped = 0;
		for (javax.cache.Cache.Entry<Object, CacheEntry> entry : cache.store()) {
			try {
				byte[] key = bytes(keySerializer.serialize(entry.getKey()));
				byte[] value = bytes(entrySerializer.serialize(entry.getValue()));
				keys.add(key);
				entries.add(value);
			}
			catch (SerializerException ex) {
				skipped++;
				logger.debug("Entry of cache '{}' of component '{}' cannot be kept for the next deploy",
						cache.name(), cache.owner(), ex);
			}
		}
		if (skipped > 0) {
			logger.warn("Dropped {} entries of cache '{}' of component '{}' that cannot be written as JSON", skipped,
					cache.name(), cache.owner());
		}
		return new Snapshot(keys, entries);
	}

	/** Stores the entries in {@code cache}, read with its classes; entries that no longer fit them are dropped and logged. */
	void restoreInto(ComponentCache<?, ?> cache, Logger logger) {
		JsonMapper mapper = JsonSerializers.newMapper();
		JsonSerializers.KeySerializer keySerializer = new JsonSerializers.KeySerializer(mapper, cache.keyClass());
		JsonSerializers.EntrySerializer entrySerializer = new JsonSerializers.EntrySerializer(mapper,
				cache.valueClass());
		int dropped = 0;
		for (int i = 0; i < this.keys.size(); i++) {
			try {
				Object key = keySerializer.read(ByteBuffer.wrap(this.keys.get(i)));
				CacheEntry entry = entrySerializer.read(ByteBuffer.wrap(this.entries.get(i)));
				cache.store().put(key, entry);
			}
			catch (SerializerException ex) {
				dropped++;
				logger.debug("Kept entry of cache '{}' of component '{}' does not fit the new classes", cache.name(),
						cache.owner(), ex);
			}
		}
		if (dropped > 0) {
			logger.warn("Dropped {} kept entries of cache '{}' of component '{}' that do not fit its new classes",
					dropped, cache.name(), cache.owner());
		}
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
