package dev.microlith.platform.cache;

import java.time.Duration;

import org.ehcache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntryExpiryTests {

	private final MutableClock clock = new MutableClock();

	@Test
	void newEntryLivesForRetention() {
		EntryExpiry expiry = new EntryExpiry(Duration.ofMinutes(5), null, this.clock);

		assertThat(expiry.getExpiryForCreation("key", entryAged(Duration.ZERO))).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void copiedEntryKeepsRemainingLifetime() {
		EntryExpiry expiry = new EntryExpiry(Duration.ofMinutes(5), null, this.clock);

		assertThat(expiry.getExpiryForCreation("key", entryAged(Duration.ofMinutes(2))))
			.isEqualTo(Duration.ofMinutes(3));
		assertThat(expiry.getExpiryForCreation("key", entryAged(Duration.ofMinutes(7)))).isZero();
	}

	@Test
	void entryWithoutRetentionNeverExpires() {
		EntryExpiry expiry = new EntryExpiry(null, null, this.clock);

		assertThat(expiry.getExpiryForCreation("key", entryAged(Duration.ofDays(30))))
			.isEqualTo(ExpiryPolicy.INFINITE);
		assertThat(expiry.getExpiryForAccess("key", () -> entryAged(Duration.ZERO))).isNull();
	}

	@Test
	void timeToIdleShortensLifetimeOnAccess() {
		EntryExpiry expiry = new EntryExpiry(Duration.ofMinutes(5), Duration.ofMinutes(1), this.clock);

		assertThat(expiry.getExpiryForCreation("key", entryAged(Duration.ZERO))).isEqualTo(Duration.ofMinutes(1));
		assertThat(expiry.getExpiryForAccess("key", () -> entryAged(Duration.ZERO)))
			.isEqualTo(Duration.ofMinutes(1));
		assertThat(expiry.getExpiryForAccess("key", () -> entryAged(Duration.ofSeconds(270))))
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void updateStartsNewLifetime() {
		EntryExpiry expiry = new EntryExpiry(Duration.ofMinutes(5), null, this.clock);

		assertThat(expiry.getExpiryForUpdate("key", () -> entryAged(Duration.ofMinutes(4)), entryAged(Duration.ZERO)))
			.isEqualTo(Duration.ofMinutes(5));
	}

	private CacheEntry entryAged(Duration age) {
		return new CacheEntry("value", 1, this.clock.millis() - age.toMillis());
	}

}
