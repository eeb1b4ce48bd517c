package dev.microlith.platform.cache;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.microlith.sdk.cache.Cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CacheServiceTests {

	private static final int CALLERS = 100;

	@TempDir
	Path directory;

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private CacheService service;

	private ExecutorService callers;

	@BeforeEach
	void startService() {
		this.service = new CacheService(this.directory, this.meters, 2, Clock.systemUTC());
		this.callers = Executors.newFixedThreadPool(CALLERS);
	}

	@AfterEach
	void closeService() {
		this.callers.shutdownNow();
		this.service.close();
	}

	@Test
	void putGetRemoveAndClear() {
		Cache<String, Long> cache = createHeapCache("prices");

		cache.put("apple", 3L);
		cache.put("pear", 4L);
		assertThat(cache.get("apple")).contains(3L);

		cache.remove("apple");
		assertThat(cache.get("apple")).isEmpty();
		assertThat(cache.get("pear")).contains(4L);

		cache.clear();
		assertThat(cache.get("pear")).isEmpty();
	}

	@Test
	void heapTierStoresValuesByReference() {
		Cache<String, StringBuilder> cache = create("shop",
				CacheDefinition.heap("builders", String.class, StringBuilder.class, 10), String.class,
				StringBuilder.class);
		StringBuilder value = new StringBuilder("a");

		cache.put("key", value);

		assertThat(cache.get("key")).containsSame(value);
	}

	@Test
	void keyOrValueOfWrongTypeIsRejected() {
		Cache<Object, Object> cache = this.service.create("shop",
				CacheDefinition.heap("prices", String.class, Long.class, 10), getClass().getClassLoader());

		assertThatIllegalArgumentException().isThrownBy(() -> cache.put(42, 1L))
			.withMessageContaining("expected an instance of java.lang.String");
		assertThatIllegalArgumentException().isThrownBy(() -> cache.put("apple", "three"))
			.withMessageContaining("expected an instance of java.lang.Long");
	}

	@Test
	void typedLookupChecksDeclaredTypes() {
		createHeapCache("prices");

		assertThat(this.service.cache("shop", "prices", String.class, Long.class).name()).isEqualTo("prices");
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.cache("shop", "prices", String.class,
				Integer.class)).withMessageContaining("is declared as java.lang.String -> java.lang.Long");
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.cache("shop", "rates", String.class,
				Long.class)).withMessageContaining("declares no cache named 'rates'");
	}

	@Test
	void shortKeyTypeNamesAreAccepted() {
		CacheDefinition definition = new CacheDefinition("prices", "uuid", "java.lang.Long", 10, null, null, null,
				null, "prices", false, null);
		this.service.create("shop", definition, getClass().getClassLoader());

		assertThat(this.service.cache("shop", "prices", java.util.UUID.class, Long.class).name()).isEqualTo("prices");
	}

	@Test
	void unknownClassIsRejectedWithField() {
		CacheDefinition definition = new CacheDefinition("prices", "java.lang.String", "com.example.Missing", 10,
				null, null, null, null, null, false, null);

		assertThatExceptionOfType(InvalidCacheDefinitionException.class)
			.isThrownBy(() -> this.service.create("shop", definition, getClass().getClassLoader()))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("valueType"))
			.withMessageContaining("com.example.Missing");
	}

	@Test
	void createAllRejectsDuplicatesAndCreatesNothing() {
		CacheDefinition prices = CacheDefinition.heap("prices", String.class, Long.class, 10);
		CacheDefinition rates = CacheDefinition.heap("rates", String.class, Long.class, 10);

		assertThatExceptionOfType(InvalidCacheDefinitionException.class)
			.isThrownBy(() -> this.service.createAll("shop", List.of(prices, rates, prices),
					getClass().getClassLoader()))
			.withMessageContaining("two caches of this name");
		assertThat(this.service.cacheNames()).isEmpty();
	}

	@Test
	void createAllRemovesCreatedCachesWhenOneFails() {
		CacheDefinition prices = CacheDefinition.heap("prices", String.class, Long.class, 10);
		CacheDefinition broken = new CacheDefinition("broken", "com.example.Missing", "java.lang.Long", 10, null,
				null, null, null, null, false, null);

		assertThatExceptionOfType(InvalidCacheDefinitionException.class)
			.isThrownBy(() -> this.service.createAll("shop", List.of(prices, broken), getClass().getClassLoader()));
		assertThat(this.service.cacheNames()).isEmpty();
	}

	@Test
	void releasedHandleRejectsCalls() {
		Cache<String, Long> cache = createHeapCache("prices");

		this.service.release("shop");

		assertThatExceptionOfType(CacheReleasedException.class).isThrownBy(() -> cache.get("apple"))
			.withMessageContaining("Cache 'prices' of component 'shop' was released");
		assertThat(this.service.cacheNames()).isEmpty();
	}

	@Test
	void handedOverHandleBypassesCache() {
		Cache<String, Long> old = createHeapCache("prices");
		old.put("apple", 3L);
		AtomicInteger loads = new AtomicInteger();

		this.service.handOver("shop");
		Cache<String, Long> current = createHeapCache("prices");

		assertThat(old.get("apple")).isEmpty();
		assertThat(old.getOrLoad("apple", (key) -> (long) loads.incrementAndGet())).isEqualTo(1L);
		assertThat(old.getOrLoad("apple", (key) -> (long) loads.incrementAndGet())).isEqualTo(2L);
		assertThat(old.getOrLoadAsync("apple", (key) -> Mono.just((long) loads.incrementAndGet())).block())
			.isEqualTo(3L);
		old.put("pear", 5L);
		old.remove("apple");
		old.clear();
		assertThat(current.get("pear")).isEmpty();
		current.put("plum", 7L);
		assertThat(old.get("plum")).isEmpty();
		assertThat(current.get("plum")).contains(7L);
		assertThat(this.service.cacheNames()).containsExactly("shop.prices");
	}

	@Test
	void handedOverHandleStillChecksKeys() {
		Cache<String, Long> old = createHeapCache("prices");

		this.service.handOver("shop");

		assertThatIllegalArgumentException().isThrownBy(() -> castKey(old).get(1))
			.withMessageContaining("expected an instance of java.lang.String");
	}

	@Test
	void retiredHandleRejectsCalls() {
		Cache<String, Long> old = createHeapCache("prices");
		this.service.handOver("shop");
		Cache<String, Long> current = createHeapCache("prices");

		this.service.retire(List.of(old));

		assertThatExceptionOfType(CacheReleasedException.class).isThrownBy(() -> old.getOrLoad("apple", (key) -> 1L));
		current.put("apple", 2L);
		assertThat(current.get("apple")).contains(2L);
	}

	@Test
	void takenBackHandleUsesCacheAgain() {
		Cache<String, Long> old = create("shop",
				CacheDefinition.heap("prices", String.class, Long.class, 10).withSurvivesRedeploy(true), String.class,
				Long.class);
		Cache<String, Long> plainOld = createHeapCache("plain");
		old.put("apple", 3L);
		plainOld.put("apple", 3L);
		this.service.handOver("shop");
		Cache<String, Long> failedVersion = create("shop",
				CacheDefinition.heap("prices", String.class, Long.class, 10).withSurvivesRedeploy(true), String.class,
				Long.class);
		createHeapCache("plain");
		failedVersion.put("pear", 4L);

		this.service.takeBack("shop", List.of(old, plainOld), getClass().getClassLoader());

		assertThatExceptionOfType(CacheReleasedException.class).isThrownBy(() -> failedVersion.get("pear"));
		assertThat(old.get("apple")).contains(3L);
		assertThat(old.get("pear")).contains(4L);
		assertThat(plainOld.get("apple")).isEmpty();
		plainOld.put("plum", 5L);
		assertThat(plainOld.get("plum")).contains(5L);
		assertThat(this.service.cache("shop", "plain", String.class, Long.class)).isSameAs(plainOld);
	}

	@Test
	void concurrentMissesShareOneLoad() throws Exception {
		Cache<String, Long> cache = createHeapCache("prices");
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch allCalling = new CountDownLatch(CALLERS);

		List<Future<Long>> results = callConcurrently(() -> {
			allCalling.countDown();
			return cache.getOrLoad("apple", (key) -> {
				calls.incrementAndGet();
				await(allCalling);
				sleep(Duration.ofMillis(100));
				return 7L;
			});
		});

		for (Future<Long> result : results) {
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(7L);
		}
		assertThat(calls).hasValue(1);
		assertThat(cache.get("apple")).contains(7L);
	}

	@Test
	void loaderErrorReachesEveryCaller() throws Exception {
		Cache<String, Long> cache = createHeapCache("prices");
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch allCalling = new CountDownLatch(CALLERS);

		List<Future<Long>> results = callConcurrently(() -> {
			allCalling.countDown();
			return cache.getOrLoad("apple", (key) -> {
				calls.incrementAndGet();
				await(allCalling);
				sleep(Duration.ofMillis(100));
				throw new IllegalStateException("origin down");
			});
		});

		for (Future<Long> result : results) {
			assertThat(result).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.havingCause()
				.isInstanceOf(IllegalStateException.class)
				.withMessage("origin down");
		}
		assertThat(calls).hasValue(1);
		assertThat(cache.get("apple")).isEmpty();
		assertThat(cache.getOrLoad("apple", (key) -> 8L)).isEqualTo(8L);
	}

	@Test
	void getOrLoadWithNullCachesNothing() {
		Cache<String, Long> cache = createHeapCache("prices");

		assertThat(cache.getOrLoad("apple", (key) -> null)).isNull();
		assertThat(cache.get("apple")).isEmpty();
	}

	@Test
	void getOrLoadAsyncSubscribesLoaderOnce() throws Exception {
		Cache<String, Long> cache = createHeapCache("prices");
		AtomicInteger subscriptions = new AtomicInteger();
		Sinks.One<Long> origin = Sinks.one();
		Mono<Long> loader = origin.asMono().doOnSubscribe((subscription) -> subscriptions.incrementAndGet());
		List<java.util.concurrent.CompletableFuture<Long>> results = new ArrayList<>();

		for (int i = 0; i < CALLERS; i++) {
			results.add(cache.getOrLoadAsync("apple", (key) -> loader).toFuture());
		}
		origin.tryEmitValue(9L);

		for (java.util.concurrent.CompletableFuture<Long> result : results) {
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(9L);
		}
		assertThat(subscriptions).hasValue(1);
		assertThat(cache.get("apple")).contains(9L);
	}

	@Test
	void getOrLoadAsyncErrorReachesEverySubscriber() {
		Cache<String, Long> cache = createHeapCache("prices");
		AtomicInteger subscriptions = new AtomicInteger();
		Sinks.One<Long> origin = Sinks.one();
		Mono<Long> loader = origin.asMono().doOnSubscribe((subscription) -> subscriptions.incrementAndGet());
		List<java.util.concurrent.CompletableFuture<Long>> results = new ArrayList<>();

		for (int i = 0; i < CALLERS; i++) {
			results.add(cache.getOrLoadAsync("apple", (key) -> loader).toFuture());
		}
		origin.tryEmitError(new IllegalStateException("origin down"));

		for (java.util.concurrent.CompletableFuture<Long> result : results) {
			assertThat(result).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.havingCause()
				.withMessage("origin down");
		}
		assertThat(subscriptions).hasValue(1);
		assertThat(cache.get("apple")).isEmpty();
	}

	@Test
	void emptyAsyncLoadCachesNothing() {
		Cache<String, Long> cache = createHeapCache("prices");

		assertThat(cache.getOrLoadAsync("apple", (key) -> Mono.empty()).blockOptional()).isEmpty();
		assertThat(cache.get("apple")).isEmpty();
	}

	@Test
	void timeToLiveExpiresEntries() {
		CacheDefinition definition = CacheDefinition.heap("prices", String.class, Long.class, 10)
			.withTimeToLive(Duration.ofMillis(200));
		Cache<String, Long> cache = create("shop", definition, String.class, Long.class);

		cache.put("apple", 3L);
		assertThat(cache.get("apple")).contains(3L);

		sleep(Duration.ofMillis(400));
		assertThat(cache.get("apple")).isEmpty();
	}

	@Test
	void heapEntriesBoundEvicts() {
		Cache<String, Long> cache = createHeapCache("prices");

		for (long i = 0; i < 100; i++) {
			cache.put("key-" + i, i);
		}

		CacheStatistics statistics = this.service.statistics().get(0);
		assertThat(statistics.size()).isLessThanOrEqualTo(10);
		assertThat(statistics.evictions()).isGreaterThanOrEqualTo(90);
	}

	@Test
	void offHeapAndDiskTiersReturnEqualValues() {
		CacheDefinition definition = new CacheDefinition("prices", String.class.getName(), Price.class.getName(), 10,
				DataSize.ofMegabytes(1), DataSize.ofMegabytes(8), null, null, null, false, null);
		Cache<String, Price> cache = create("shop", definition, String.class, Price.class);

		for (int i = 0; i < 500; i++) {
			cache.put("item-" + i, new Price("item-" + i, i, List.of("tag-" + i)));
		}

		for (int i = 0; i < 500; i++) {
			assertThat(cache.get("item-" + i)).contains(new Price("item-" + i, i, List.of("tag-" + i)));
		}
	}

	@Test
	void survivingDiskTierOutlivesNodeRestart() {
		CacheDefinition definition = new CacheDefinition("prices", String.class.getName(), Price.class.getName(), 10,
				null, DataSize.ofMegabytes(8), null, null, null, true, null);
		Cache<String, Price> cache = create("shop", definition, String.class, Price.class);
		for (int i = 0; i < 50; i++) {
			cache.put("item-" + i, new Price("item-" + i, i, List.of()));
		}

		this.service.close();
		this.service = new CacheService(this.directory, this.meters, 2, Clock.systemUTC());
		Cache<String, Price> reopened = create("shop", definition, String.class, Price.class);

		assertThat(reopened.get("item-49")).contains(new Price("item-49", 49, List.of()));
		assertThat(reopened.get("item-0")).contains(new Price("item-0", 0, List.of()));
	}

	@Test
	void survivingDiskTierWithChangedSizeIsCreated() {
		CacheDefinition definition = new CacheDefinition("prices", String.class.getName(), Price.class.getName(), 10,
				DataSize.ofMegabytes(1), DataSize.ofMegabytes(8), null, null, null, true, null);
		Cache<String, Price> cache = create("shop", definition, String.class, Price.class);
		cache.put("item", new Price("item", 1, List.of()));
		this.service.release("shop");

		CacheDefinition larger = definition.withTiers(DataSize.ofMegabytes(2), DataSize.ofMegabytes(16));
		Cache<String, Price> reopened = create("shop", larger, String.class, Price.class);
		reopened.put("other", new Price("other", 2, List.of()));

		assertThat(reopened.get("other")).contains(new Price("other", 2, List.of()));
	}

	@Test
	void otherDiskTierStartsEmpty() {
		CacheDefinition definition = new CacheDefinition("prices", String.class.getName(), Price.class.getName(), 10,
				null, DataSize.ofMegabytes(8), null, null, null, false, null);
		Cache<String, Price> cache = create("shop", definition, String.class, Price.class);
		cache.put("item", new Price("item", 1, List.of()));

		this.service.close();
		this.service = new CacheService(this.directory, this.meters, 2, Clock.systemUTC());
		Cache<String, Price> reopened = create("shop", definition, String.class, Price.class);

		assertThat(reopened.get("item")).isEmpty();
	}

	@Test
	void metersCarryComponentTag() {
		Cache<String, Long> cache = createHeapCache("prices");
		cache.put("apple", 3L);
		cache.get("apple");
		cache.get("pear");
		cache.get("plum");

		assertThat(counter("cache.gets", "result", "hit")).isEqualTo(1);
		assertThat(counter("cache.gets", "result", "miss")).isEqualTo(2);
		assertThat(counter("cache.puts", null, null)).isEqualTo(1);
		assertThat(this.meters.get("cache.size").tag("component", "shop").gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("cache.evictions").tag("component", "shop").functionCounter()).isNotNull();

		this.service.release("shop");

		assertThat(this.meters.find("cache.gets").tag("component", "shop").meters()).isEmpty();
		assertThat(this.meters.find("cache.size").tag("component", "shop").meters()).isEmpty();
	}

	@Test
	void statisticsCountHitsMissesAndPuts() {
		Cache<String, Long> cache = createHeapCache("prices");
		cache.put("apple", 3L);
		cache.get("apple");
		cache.get("pear");

		CacheStatistics statistics = this.service.statistics().get(0);

		assertThat(statistics.component()).isEqualTo("shop");
		assertThat(statistics.name()).isEqualTo("prices");
		assertThat(statistics.hits()).isEqualTo(1);
		assertThat(statistics.misses()).isEqualTo(1);
		assertThat(statistics.puts()).isEqualTo(1);
		assertThat(statistics.size()).isEqualTo(1);
	}

	@Test
	void statisticsCountLoadAsMissAndPut() {
		Cache<String, Long> cache = createHeapCache("prices");

		cache.getOrLoad("apple", (key) -> 3L);
		cache.getOrLoad("apple", (key) -> 4L);

		CacheStatistics statistics = this.service.statistics().get(0);
		assertThat(statistics.misses()).isEqualTo(1);
		assertThat(statistics.hits()).isEqualTo(1);
		assertThat(statistics.puts()).isEqualTo(1);
	}

	@Test
	void clearOfUnknownCacheIsRejected() {
		assertThatExceptionOfType(CacheNotFoundException.class).isThrownBy(() -> this.service.clear("shop", "nope"))
			.withMessageContaining("Cache 'nope' of component 'shop' not found");
	}

	private double counter(String name, String tagKey, String tagValue) {
		var search = this.meters.get(name).tag("component", "shop").tag("cache", "shop.prices");
		if (tagKey != null) {
			search = search.tag(tagKey, tagValue);
		}
		return search.functionCounter().count();
	}

	@SuppressWarnings("unchecked")
	private static Cache<Object, Long> castKey(Cache<String, Long> cache) {
		return (Cache<Object, Long>) (Cache<?, ?>) cache;
	}

	private Cache<String, Long> createHeapCache(String name) {
		return create("shop", CacheDefinition.heap(name, String.class, Long.class, 10), String.class, Long.class);
	}

	private <K, V> Cache<K, V> create(String owner, CacheDefinition definition, Class<K> keyType, Class<V> valueType) {
		this.service.create(owner, definition, getClass().getClassLoader());
		return this.service.cache(owner, definition.name(), keyType, valueType);
	}

	private <T> List<Future<T>> callConcurrently(java.util.concurrent.Callable<T> call) {
		List<Future<T>> results = new ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			results.add(this.callers.submit(call));
		}
		return results;
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A value class with a nested list, written as JSON in the off-heap and disk tiers. */
	record Price(String item, long cents, List<String> tags) {

	}

}
