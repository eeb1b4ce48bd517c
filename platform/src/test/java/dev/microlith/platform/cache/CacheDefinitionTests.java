package dev.microlith.platform.cache;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.microlith.platform.cache.CacheDefinition.Origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CacheDefinitionTests {

	private final CacheDefinition prices = CacheDefinition.heap("prices", String.class, Long.class, 100);

	@Test
	void validDefinitionKeepsEveryField() {
		CacheDefinition definition = this.prices.withTiers(DataSize.ofMegabytes(1), DataSize.ofMegabytes(10))
			.withTimeToLive(Duration.ofMinutes(5))
			.withOrigin(new Origin(Duration.ofSeconds(30), null));

		assertThat(definition.keyType()).isEqualTo("java.lang.String");
		assertThat(definition.disk()).isEqualTo(DataSize.ofMegabytes(10));
		assertThat(definition.sourced()).isTrue();
		assertThat(definition.origin().staleIfError()).isZero();
	}

	@Test
	void invalidNameIsRejected() {
		assertInvalid(() -> CacheDefinition.heap("9lives", String.class, Long.class, 1), "9lives", "name");
	}

	@Test
	void zeroHeapEntriesAreRejected() {
		assertInvalid(() -> CacheDefinition.heap("prices", String.class, Long.class, 0), "prices", "size");
	}

	@Test
	void invalidClassNameIsRejected() {
		assertInvalid(() -> new CacheDefinition("prices", "java.lang.String", "not a class", 1, null, null, null, null,
				null, false, null), "prices", "valueType");
	}

	@Test
	void zeroOrNegativeDurationsAreRejected() {
		assertInvalid(() -> this.prices.withTimeToLive(Duration.ZERO), "prices", "ttl");
		assertInvalid(() -> this.prices.withTimeToLive(Duration.ofSeconds(-1)), "prices", "ttl");
		assertInvalid(() -> new CacheDefinition("prices", "java.lang.String", "java.lang.Long", 1, null, null, null,
				Duration.ZERO, null, false, null), "prices", "tti");
	}

	@Test
	void negativeStaleWindowIsRejected() {
		CacheDefinition withTimeToLive = this.prices.withTimeToLive(Duration.ofMinutes(1));

		assertInvalid(() -> withTimeToLive.withOrigin(new Origin(Duration.ofSeconds(-5), null)), "prices",
				"origin.staleWhileRevalidate");
		assertInvalid(() -> withTimeToLive.withOrigin(new Origin(null, Duration.ofSeconds(-5))), "prices",
				"origin.staleIfError");
	}

	@Test
	void originWithoutTimeToLiveIsRejected() {
		assertInvalid(() -> this.prices.withOrigin(new Origin(null, null)), "prices", "ttl");
	}

	@Test
	void originAndTableTogetherAreRejected() {
		CacheDefinition bound = this.prices.withTimeToLive(Duration.ofMinutes(1)).withTable("cities");

		assertInvalid(() -> bound.withOrigin(new Origin(null, null)), "prices", "origin");
	}

	@Test
	void offHeapNotSmallerThanDiskIsRejected() {
		assertInvalid(() -> this.prices.withTiers(DataSize.ofMegabytes(10), DataSize.ofMegabytes(10)), "prices",
				"tiers.disk");
		assertInvalid(() -> this.prices.withTiers(DataSize.ofMegabytes(20), DataSize.ofMegabytes(10)), "prices",
				"tiers.disk");
	}

	@Test
	void zeroTierSizeIsRejected() {
		assertInvalid(() -> this.prices.withTiers(DataSize.ofBytes(0), null), "prices", "tiers.offHeap");
	}

	@Test
	void sizeWithUnknownUnitIsRejected() {
		assertInvalid(() -> CacheDefinition.parseSize("prices", "tiers.offHeap", "64XB"), "prices",
				"tiers.offHeap");
		assertThat(CacheDefinition.parseSize("prices", "tiers.offHeap", "64MB")).isEqualTo(DataSize.ofMegabytes(64));
		assertThat(CacheDefinition.parseSize("prices", "tiers.offHeap", " ")).isNull();
	}

	@Test
	void durationWithUnknownUnitIsRejected() {
		assertInvalid(() -> CacheDefinition.parseDuration("prices", "ttl", "5 fortnights"), "prices", "ttl");
		assertThat(CacheDefinition.parseDuration("prices", "ttl", "5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(CacheDefinition.parseDuration("prices", "ttl", "PT1S")).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void duplicateNameIsRejected() {
		CacheDefinition other = CacheDefinition.heap("rates", String.class, Long.class, 10);

		assertInvalid(() -> CacheDefinition.checkUnique(List.of(this.prices, other, this.prices)), "prices", "name");
	}

	private static void assertInvalid(Runnable declaration, String cacheName, String field) {
		assertThatExceptionOfType(InvalidCacheDefinitionException.class).isThrownBy(declaration::run)
			.satisfies(ex -> {
				assertThat(ex.cacheName()).isEqualTo(cacheName);
				assertThat(ex.field()).isEqualTo(field);
				assertThat(ex.getMessage()).startsWith("Invalid cache '" + cacheName + "', field '" + field + "': ");
			});
	}

}
