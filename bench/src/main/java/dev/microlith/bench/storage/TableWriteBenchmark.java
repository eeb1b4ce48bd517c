package dev.microlith.bench.storage;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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

import dev.microlith.bench.storage.BenchTables.City;
import dev.microlith.platform.storage.StorageEngine;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.Transaction;

/**
 * Durable writes: each benchmark thread puts one record and waits until the write is
 * committed and synced, so throughput at N threads is what N blocking writers get.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TableWriteBenchmark {

	private static final long KEYS = 100_000;

	private Path directory;

	private StorageEngine engine;

	private Table<Long, City> cities;

	@Setup(Level.Trial)
	public void open() {
		this.directory = BenchTables.temporaryDirectory();
		this.engine = BenchTables.open(this.directory);
		this.engine.declare(BenchTables.cities());
		this.cities = this.engine.table("cities", Long.class, City.class);
	}

	@TearDown(Level.Trial)
	public void close() {
		this.engine.close();
		BenchTables.delete(this.directory);
	}

	@Benchmark
	@Threads(1)
	public Row<Long, City> put1Writer() {
		return put();
	}

	@Benchmark
	@Threads(8)
	public Row<Long, City> put8Writers() {
		return put();
	}

	@Benchmark
	@Threads(64)
	public Row<Long, City> put64Writers() {
		return put();
	}

	@Benchmark
	@Threads(1)
	public Long transactionOf10Writes() {
		long first = ThreadLocalRandom.current().nextLong(KEYS - 10);
		return this.engine.tables().transaction((tx) -> putTen(tx, first)).block();
	}

	private Row<Long, City> put() {
		long key = ThreadLocalRandom.current().nextLong(KEYS);
		return this.cities.put(key, City.of(key)).block();
	}

	private static Long putTen(Transaction tx, long first) {
		Transaction.View<Long, City> view = tx.table("cities", Long.class, City.class);
		for (long key = first; key < first + 10; key++) {
			view.put(key, City.of(key));
		}
		return first;
	}

}
