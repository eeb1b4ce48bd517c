package dev.microlith.platform.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.ehcache.expiry.ExpiryPolicy;

/**
 * Ehcache expiry of {@link CacheEntry} values: an entry is kept for its retention (the
 * time to live, plus the longer stale window of an origin-backed cache) counted from the
 * time it was written, and for at most the time to idle after each read.
 * <p>
 * Counting from the entry's own write time means an entry copied into a new cache, as on
 * a redeploy, keeps its remaining lifetime instead of starting a new one.
 */
final class EntryExpiry implements ExpiryPolicy<Object, CacheEntry> {

	private final Duration retention;

	private final Duration timeToIdle;

	private final Clock clock;

	/**
	 * @param retention how long an entry is kept after its write, or {@code null} for ever
	 * @param timeToIdle how long an entry is kept after its last read, or {@code null} for ever
	 */
	EntryExpiry(Duration retention, Duration timeToIdle, Clock clock) {
		this.retention = retention;
		this.timeToIdle = timeToIdle;
		this.clock = clock;
	}

	@Override
	public Duration getExpiryForCreation(Object key, CacheEntry entry) {
		return expiryOf(entry);
	}

	@Override
	public Duration getExpiryForAccess(Object key, Supplier<? extends CacheEntry> entry) {
		if (this.timeToIdle == null) {
			return null;
		}
		return expiryOf(entry.get());
	}

	@Override
	public Duration getExpiryForUpdate(Object key, Supplier<? extends CacheEntry> previous, CacheEntry entry) {
		return expiryOf(entry);
	}

	private Duration expiryOf(CacheEntry entry) {
		Duration remaining = ExpiryPolicy.INFINITE;
		if (this.retention != null) {
			long left = this.retention.toMillis() - entry.ageAt(this.clock.millis());
			remaining = Duration.ofMillis(Math.max(0, left));
		}
		if (this.timeToIdle != null && this.timeToIdle.compareTo(remaining) < 0) {
			return this.timeToIdle;
		}
		return remaining;
	}

}
