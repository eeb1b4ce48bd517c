package dev.microlith.platform.cache;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.microlith.sdk.cache.Cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Caches bound to a table, invalidated through {@link TableCacheInvalidator} as the
 * storage writer calls it: after the commit and before the acknowledgement. The table is
 * a map written the same way, because this level has no storage.
 */
class TableBoundCacheTests {

	@TempDir
	Path directory;

	private final Map<Long, String> table = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private CacheService service;

	private Cache<Long, String> cache;

	@BeforeEach
	void start() {
		this.service = new CacheService(this.directory, new SimpleMeterRegistry(), 2, Clock.systemUTC());
		this.service.create("geo", CacheDefinition.heap("cityNames", Long.class, String.class, 1000)
			.withTable("cities"), getClass().getClassLoader());
		this.cache = this.service.cache("geo", "cityNames", Long.class, String.class);
	}

	@AfterEach
	void stop() {
		this.service.close();
	}

	@Test
	void writeInvalidatesEntryBeforeAcknowledgement() {
		write(1L, "Lyon");
		assertThat(this.cache.getOrLoad(1L, this.table::get)).isEqualTo("Lyon");

		write(1L, "Lyons");

		assertThat(this.cache.get(1L)).isEmpty();
		assertThat(this.cache.getOrLoad(1L, this.table::get)).isEqualTo("Lyons");
	}

	@Test
	void staleLoadIsNotStored() throws Exception {
		write(1L, "Lyon");
		CountDownLatch loaderRead = new CountDownLatch(1);
		CountDownLatch written = new CountDownLatch(1);
		ExecutorService reader = Executors.newSingleThreadExecutor();

		Future<String> loaded = reader.submit(() -> this.cache.getOrLoad(1L, (key) -> {
			String value = this.table.get(key);
			loaderRead.countDown();
			awaitLatch(written);
			return value;
		}));
		awaitLatch(loaderRead);
		write(1L, "Lyons");
		written.countDown();

		assertThat(loaded.get(10, TimeUnit.SECONDS)).isEqualTo("Lyon");
		assertThat(this.cache.get(1L)).isEmpty();
		assertThat(this.cache.getOrLoad(1L, this.table::get)).isEqualTo("Lyons");
		reader.shutdownNow();
	}

	@Test
	void readerAfterAcknowledgementSeesEveryWrite() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		List<Future<?>> workers = new ArrayList<>();

		for (int worker = 0; worker < 4; worker++) {
			long key = worker % 2;
			workers.add(threads.submit(() -> {
				for (int i = 0; i < 2_000; i++) {
					long written = write(key);
					String read = this.cache.getOrLoad(key, this.table::get);
					assertThat(sequenceOf(read)).as("write read back after its acknowledgement")
						.isGreaterThanOrEqualTo(written);
				}
			}));
		}

		for (Future<?> result : workers) {
			result.get(60, TimeUnit.SECONDS);
		}
		for (long key = 0; key < 2; key++) {
			assertThat(this.cache.getOrLoad(key, this.table::get)).isEqualTo(this.table.get(key));
		}
		threads.shutdownNow();
	}

	@Test
	void tableKeyIsConvertedToCacheKeyType() {
		this.service.create("geo", CacheDefinition.heap("cityCodes", String.class, String.class, 10)
			.withTable("cities"), getClass().getClassLoader());
		Cache<String, String> byText = this.service.cache("geo", "cityCodes", String.class, String.class);
		byText.put("7", "LYS");

		this.service.invalidate("cities", 7L);

		assertThat(byText.get("7")).isEmpty();
	}

	@Test
	void boundCacheWithOtherKeyTypeIsRejected() {
		CacheDefinition definition = CacheDefinition.heap("byDate", java.time.LocalDate.class, String.class, 10)
			.withTable("cities");

		assertThatExceptionOfType(InvalidCacheDefinitionException.class)
			.isThrownBy(() -> this.service.create("geo", definition, getClass().getClassLoader()))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("keyType"))
			.withMessageContaining("java.time.LocalDate");
	}

	@Test
	void keyOfOtherTypeIsConvertedFromText() {
		UUID id = UUID.randomUUID();

		assertThat(TableKeys.toCacheKey(id.toString(), UUID.class)).isEqualTo(id);
		assertThat(TableKeys.toCacheKey("42", Long.class)).isEqualTo(42L);
	}

	@Test
	void invalidateAllClearsBoundCaches() {
		this.cache.put(1L, "Lyon");
		this.cache.put(2L, "Nice");

		this.service.invalidateAll("cities");

		assertThat(this.cache.get(1L)).isEmpty();
		assertThat(this.cache.get(2L)).isEmpty();
	}

	@Test
	void otherTablesLeaveEntriesAlone() {
		this.cache.put(1L, "Lyon");

		this.service.invalidate("countries", 1L);

		assertThat(this.cache.get(1L)).contains("Lyon");
	}

	@Test
	void releasedCacheIsNoLongerInvalidated() {
		this.service.release("geo");

		this.service.invalidate("cities", 1L);

		assertThat(this.service.cacheNames()).isEmpty();
	}

	/** Writes like the storage writer: commit, invalidate, then acknowledge by returning. */
	private void write(long key, String value) {
		synchronized (this.table) {
			this.table.put(key, value);
			this.service.invalidate("cities", key);
		}
	}

	/** Writes the next sequence number as the value of {@code key} and returns it. */
	private long write(long key) {
		synchronized (this.table) {
			long sequence = this.sequence.incrementAndGet();
			write(key, "write-" + sequence);
			return sequence;
		}
	}

	private static long sequenceOf(String value) {
		return Long.parseLong(value.substring("write-".length()));
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
