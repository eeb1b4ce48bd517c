package dev.microlith.bench.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.microlith.platform.cache.CacheDefinition;
import dev.microlith.platform.cache.CacheService;
import dev.microlith.sdk.cache.Cache;

/**
 * Latency of component caches: a hit, a get-or-load under contention, and the
 * invalidation that a write to a bound table adds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheBenchmarks {

	private static final int KEYS = 1_000;

	/** A node's cache service with one heap cache of every key, bound to a table. */
	@State(Scope.Benchmark)
	public static class Caches {

		Path directory;

		CacheService service;

		Cache<Long, String> cache;

		@Setup(Level.Trial)
		public void start() throws IOException {
			this.directory = Files.createTempDirectory("cache-bench");
			this.service = new CacheService(this.directory, new SimpleMeterRegistry(), 2, Clock.systemUTC());
			this.service.create("bench", CacheDefinition.heap("values", Long.class, String.class, 10 * KEYS)
				.withTable("values"), CacheBenchmarks.class.getClassLoader());
			this.cache = this.service.cache("bench", "values", Long.class, String.class);
			for (long key = 0; key < KEYS; key++) {
				this.cache.put(key, "value-" + key);
			}
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.service.close();
		}

	}

	@Benchmark
	public Object getHit(Caches caches) {
		return caches.cache.get(nextKey());
	}

	@Benchmark
	public String getOrLoadHit(Caches caches) {
		return caches.cache.getOrLoad(nextKey(), CacheBenchmarks::load);
	}

	/**
	 * Four threads on few keys, one call in 64 removing its key first, so that loads of a
	 * key overlap and share one loader call.
	 */
	@Benchmark
	@Threads(4)
	public String getOrLoadContended(Caches caches) {
		long key = ThreadLocalRandom.current().nextLong(16);
		if (ThreadLocalRandom.current().nextInt(64) == 0) {
			caches.cache.remove(key);
		}
		return caches.cache.getOrLoad(key, CacheBenchmarks::slowLoad);
	}

	/** Measures what a write to a bound table adds before its acknowledgement: one invalidation. */
	@Benchmark
	public void invalidateBoundTable(Caches caches) {
		caches.service.invalidate("values", nextKey());
	}

	/** Measures the same invalidation for a table that no cache is bound to. */
	@Benchmark
	public void invalidateUnboundTable(Caches caches) {
		caches.service.invalidate("others", nextKey());
	}

	private static long nextKey() {
		return ThreadLocalRandom.current().nextLong(KEYS);
	}

	private static String load(Long key) {
		return "value-" + key;
	}

	private static String slowLoad(Long key) {
		Blackhole.consumeCPU(2_000);
		return "value-" + key;
	}

}
