package dev.microlith.platform.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.util.unit.DataSize;

import dev.microlith.sdk.Durations;

/**
 * A cache as a component declares it. The constructor validates every field, so an
 * instance always describes a cache the node can create. Errors name the field as the
 * descriptor writes it: {@code size}, {@code tiers.offHeap}, {@code tiers.disk},
 * {@code ttl}, {@code tti}, {@code table}, {@code survivesRedeploy} and {@code origin.*}.
 * @param name the cache's name, unique within its component: a letter, then letters,
 * digits, {@code _} or {@code -}, at most 64 characters
 * @param keyType the binary name of the key class, loaded with the component's class
 * loader, or {@code string}, {@code long} or {@code uuid} as table keys are named
 * @param valueType the binary name of the value class, loaded with the component's class loader
 * @param heapEntries the maximum number of entries kept on the heap, more than zero
 * @param offHeap the size of the off-heap tier, or {@code null} for none
 * @param disk the size of the persistent disk tier, or {@code null} for none; larger than
 * {@code offHeap} when both are set
 * @param timeToLive how long an entry lives after it was written, or {@code null} for ever
 * @param timeToIdle how long an entry lives after it was last read or written, or
 * {@code null} for ever
 * @param table the table whose changes invalidate entries, or {@code null} when the cache
 * is not bound to a table
 * @param survivesRedeploy whether entries are kept when the component is undeployed and
 * deployed again, and across node restarts when the cache has a disk tier
 * @param origin the settings of an origin-backed cache, or {@code null} for a plain cache
 */
public record CacheDefinition(String name, String keyType, String valueType, long heapEntries, DataSize offHeap,
		DataSize disk, Duration timeToLive, Duration timeToIdle, String table, boolean survivesRedeploy,
		Origin origin) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

	private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

	public CacheDefinition {
		Objects.requireNonNull(name, "'name' must not be null");
		if (!NAME.matcher(name).matches()) {
			throw new InvalidCacheDefinitionException(name, "name",
					"expected a letter followed by up to 63 letters, digits, '_' or '-'");
		}
		checkClassName(name, "keyType", keyType);
		checkClassName(name, "valueType", valueType);
		if (heapEntries <= 0) {
			throw new InvalidCacheDefinitionException(name, "size",
					"expected a number of entries greater than zero, got " + heapEntries);
		}
		checkPositive(name, "tiers.offHeap", offHeap);
		checkPositive(name, "tiers.disk", disk);
		checkTiersFit(name, offHeap, disk);
		checkPositive(name, "ttl", timeToLive);
		checkPositive(name, "tti", timeToIdle);
		if (table != null && !NAME.matcher(table).matches()) {
			throw new InvalidCacheDefinitionException(name, "table",
					"'" + table + "' is not a table name: expected a letter followed by up to 63 letters, digits, '_' or '-'");
		}
		checkOrigin(name, table, timeToLive, origin);
	}

	/** Returns a definition of a heap-only cache with no expiry, for tests and samples. */
	public static CacheDefinition heap(String name, Class<?> keyType, Class<?> valueType, long heapEntries) {
		return new CacheDefinition(name, keyType.getName(), valueType.getName(), heapEntries, null, null, null, null,
				null, false, null);
	}

	/** Returns whether values come from an outside origin through a loader. */
	public boolean sourced() {
		return this.origin != null;
	}

	/** Returns a copy with {@code timeToLive} replaced. */
	public CacheDefinition withTimeToLive(Duration timeToLive) {
		return new CacheDefinition(this.name, this.keyType, this.valueType, this.heapEntries, this.offHeap, this.disk,
				timeToLive, this.timeToIdle, this.table, this.survivesRedeploy, this.origin);
	}

	/** Returns a copy with the off-heap and disk tiers replaced. */
	public CacheDefinition withTiers(DataSize offHeap, DataSize disk) {
		return new CacheDefinition(this.name, this.keyType, this.valueType, this.heapEntries, offHeap, disk,
				this.timeToLive, this.timeToIdle, this.table, this.survivesRedeploy, this.origin);
	}

	/** Returns a copy bound to {@code table}. */
	public CacheDefinition withTable(String table) {
		return new CacheDefinition(this.name, this.keyType, this.valueType, this.heapEntries, this.offHeap, this.disk,
				this.timeToLive, this.timeToIdle, table, this.survivesRedeploy, this.origin);
	}

	/** Returns a copy with {@code survivesRedeploy} replaced. */
	public CacheDefinition withSurvivesRedeploy(boolean survivesRedeploy) {
		return new CacheDefinition(this.name, this.keyType, this.valueType, this.heapEntries, this.offHeap, this.disk,
				this.timeToLive, this.timeToIdle, this.table, survivesRedeploy, this.origin);
	}

	/** Returns a copy backed by an origin with the given settings. */
	public CacheDefinition withOrigin(Origin origin) {
		return new CacheDefinition(this.name, this.keyType, this.valueType, this.heapEntries, this.offHeap, this.disk,
				this.timeToLive, this.timeToIdle, this.table, this.survivesRedeploy, origin);
	}

	/**
	 * Parses a size written as a number with a unit ({@code 512KB}, {@code 64MB},
	 * {@code 1GB}), as descriptors declare the off-heap and disk tiers.
	 * @param cacheName the cache the value belongs to, named in the error
	 * @param field the descriptor field, named in the error
	 * @return the size, or {@code null} when {@code text} is {@code null} or blank
	 * @throws InvalidCacheDefinitionException when the text is not a size or has an unknown unit
	 */
	public static DataSize parseSize(String cacheName, String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return DataSize.parse(text.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCacheDefinitionException(cacheName, field, "'" + text
					+ "' is not a size: expected a whole number with a unit B, KB, MB, GB or TB, such as 64MB", ex);
		}
	}

	/**
	 * Parses a duration written in ISO-8601 ({@code PT5S}) or as a number with a unit
	 * ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}).
	 * @param cacheName the cache the value belongs to, named in the error
	 * @param field the descriptor field, named in the error
	 * @return the duration, or {@code null} when {@code text} is {@code null} or blank
	 * @throws InvalidCacheDefinitionException when the text is not a duration or has an unknown unit
	 */
	public static Duration parseDuration(String cacheName, String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Durations.parse(field, text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCacheDefinitionException(cacheName, field, "'" + text
					+ "' is not a duration: expected a number with a unit (500ms, 5s, 2m, 1h, 1d) or ISO-8601 (PT5S)",
					ex);
		}
	}

	/**
	 * Checks that no two definitions of one component share a name.
	 * @throws InvalidCacheDefinitionException naming the first duplicate
	 */
	public static void checkUnique(Collection<CacheDefinition> definitions) {
		Set<String> names = new HashSet<>();
		for (CacheDefinition definition : definitions) {
			if (!names.add(definition.name())) {
				throw new InvalidCacheDefinitionException(definition.name(), "name",
						"the component declares two caches of this name; rename or remove one");
			}
		}
	}

	private static void checkClassName(String cache, String field, String value) {
		if (value == null || !CLASS_NAME.matcher(value).matches()) {
			throw new InvalidCacheDefinitionException(cache, field,
					"'" + value + "' is not a class name: expected a binary name such as java.lang.String or com.example.Price");
		}
	}

	private static void checkPositive(String cache, String field, DataSize size) {
		if (size != null && size.toBytes() <= 0) {
			throw new InvalidCacheDefinitionException(cache, field, "expected a size greater than zero, got " + size);
		}
	}

	private static void checkPositive(String cache, String field, Duration duration) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw new InvalidCacheDefinitionException(cache, field,
					"expected a duration greater than zero, got " + duration + "; leave the field out for no expiry");
		}
	}

	private static void checkTiersFit(String cache, DataSize offHeap, DataSize disk) {
		if (offHeap != null && disk != null && offHeap.toBytes() >= disk.toBytes()) {
			throw new InvalidCacheDefinitionException(cache, "tiers.disk", "the disk tier (" + disk
					+ ") must be larger than the off-heap tier (" + offHeap + "), because each tier holds more than the one above it");
		}
	}

	private static void checkOrigin(String cache, String table, Duration timeToLive, Origin origin) {
		if (origin == null) {
			return;
		}
		if (table != null) {
			throw new InvalidCacheDefinitionException(cache, "origin",
					"a cache is bound either to a table or to an origin, not both; remove 'table' or 'origin'");
		}
		if (timeToLive == null) {
			throw new InvalidCacheDefinitionException(cache, "ttl",
					"an origin-backed cache needs a time to live, after which values are loaded again");
		}
		checkNotNegative(cache, "origin.staleWhileRevalidate", origin.staleWhileRevalidate());
		checkNotNegative(cache, "origin.staleIfError", origin.staleIfError());
	}

	private static void checkNotNegative(String cache, String field, Duration duration) {
		if (duration.isNegative()) {
			throw new InvalidCacheDefinitionException(cache, field,
					"expected zero (off) or a positive duration, got " + duration);
		}
	}

	/**
	 * Settings of an origin-backed ("sourced") cache, whose values a loader fetches from an
	 * outside source and which are loaded again after the time to live.
	 * @param staleWhileRevalidate how long after the time to live a stale value is still
	 * returned while one background load refreshes it; zero turns it off
	 * @param staleIfError how long after the time to live a stale value is returned when
	 * the loader fails; zero turns it off
	 */
	public record Origin(Duration staleWhileRevalidate, Duration staleIfError) {

		public Origin {
			staleWhileRevalidate = (staleWhileRevalidate != null) ? staleWhileRevalidate : Duration.ZERO;
			staleIfError = (staleIfError != null) ? staleIfError : Duration.ZERO;
		}

		/** Returns how long an entry is kept after its time to live for either stale window. */
		Duration maxStaleness() {
			return (this.staleWhileRevalidate.compareTo(this.staleIfError) >= 0) ? this.staleWhileRevalidate
					: this.staleIfError;
		}

	}

}
