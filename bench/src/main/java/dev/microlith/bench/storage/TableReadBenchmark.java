package dev.microlith.bench.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

import dev.microlith.bench.storage.BenchTables.City;
import dev.microlith.platform.storage.StorageEngine;
import dev.microlith.sdk.table.Condition;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.Transaction;
import reactor.core.publisher.Flux;

/**
 * Reads from a table of 100,000 cities on one thread: get by key as a typed record and as
 * a JSON document, an equality query on an index, and a range scan on an index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TableReadBenchmark {

	private static final int RECORDS = 100_000;

	private Path directory;

	private StorageEngine engine;

	private Table<Long, City> typed;

	private Table<Object, Map<String, Object>> documents;

	@Setup(Level.Trial)
	public void fill() {
		this.directory = BenchTables.temporaryDirectory();
		this.engine = BenchTables.open(this.directory);
		this.engine.declare(BenchTables.cities());
		Flux.range(0, RECORDS / 1000)
			.concatMap((batch) -> this.engine.tables().transaction((tx) -> putBatch(tx, batch)))
			.blockLast();
		this.typed = this.engine.table("cities", Long.class, City.class);
		this.documents = this.engine.tables().documents("cities");
	}

	@TearDown(Level.Trial)
	public void close() {
		this.engine.close();
		BenchTables.delete(this.directory);
	}

	@Benchmark
	public City getTyped() {
		return this.typed.get(randomKey()).orElseThrow();
	}

	@Benchmark
	public Map<String, Object> getDocument() {
		return this.documents.get(randomKey()).orElseThrow();
	}

	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public List<Row<Long, City>> indexQueryFirst10() {
		String country = BenchTables.COUNTRIES[ThreadLocalRandom.current().nextInt(BenchTables.COUNTRIES.length)];
		return this.typed.find(Query.where(Condition.eq("country", country)).limit(10)).collectList().block();
	}

	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public List<Row<Long, City>> rangeScan100() {
		long low = ThreadLocalRandom.current().nextLong(695_000);
		return this.typed.find(Query.where(Condition.between("population", low, low + 5_000)).limit(100))
			.collectList()
			.block();
	}

	private static long randomKey() {
		return ThreadLocalRandom.current().nextLong(RECORDS);
	}

	private static Void putBatch(Transaction tx, int batch) {
		Transaction.View<Long, City> cities = tx.table("cities", Long.class, City.class);
		for (long key = batch * 1000L; key < (batch + 1) * 1000L; key++) {
			cities.put(key, City.of(key));
		}
		return null;
	}

}
