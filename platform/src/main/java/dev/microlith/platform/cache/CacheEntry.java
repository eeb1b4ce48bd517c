package dev.microlith.platform.cache;

/**
 * A cached value with the version and time of the write that stored it. Ehcache stores
 * entries, not bare values, so that a refresh can check that no newer write replaced the
 * entry it refreshes, and so that an origin-backed cache can tell fresh values from stale ones.
 * <p>
 * Two entries are equal when they come from the same write: equal version and write time,
 * whatever their values. Ehcache's {@code replace(key, expected, next)} relies on this.
 */
final class CacheEntry {

	private final Object value;

	private final long version;

	private final long writtenAt;

	CacheEntry(Object value, long version, long writtenAt) {
		this.value = value;
		this.version = version;
		this.writtenAt = writtenAt;
	}

	/** Returns the cached value, never {@code null}. */
	Object value() {
		return this.value;
	}

	/** Returns the version of the write, unique within the cache. */
	long version() {
		return this.version;
	}

	/** Returns when the value was written, in milliseconds since the epoch. */
	long writtenAt() {
		return this.writtenAt;
	}

	/** Returns the entry's age at {@code now}, in milliseconds; never negative. */
	long ageAt(long now) {
		return Math.max(0, now - this.writtenAt);
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof CacheEntry entry) && entry.version == this.version
				&& entry.writtenAt == this.writtenAt;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.version) * 31 + Long.hashCode(this.writtenAt);
	}

	@Override
	public String toString() {
		return "CacheEntry[version=" + this.version + ", writtenAt=" + this.writtenAt + "]";
	}

}
