package dev.microlith.bench.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.StorageEngine;
import dev.microlith.platform.storage.StorageProperties;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableDefinition.IndexDefinition;

/** The table, record type and store set-up the storage benchmarks share. */
final class BenchTables {

	static final String[] COUNTRIES = { "FR", "DE", "IT", "ES", "PT", "NL", "BE", "PL", "SE", "NO" };

	private BenchTables() {
	}

	/** A city of about 100 bytes as JSON; populations run from 0 to 700,000. */
	record City(String name, String country, long population, double latitude, double longitude) {

		static City of(long key) {
			return new City("City " + key, COUNTRIES[(int) (key % COUNTRIES.length)], key * 7 % 5_000_000,
					45.0 + key % 10, 5.0 + key % 7);
		}

	}

	static StorageEngine open(Path directory) {
		return StorageEngine.open(directory, new StorageProperties());
	}

	static TableDefinition cities() {
		return new TableDefinition("cities", KeyType.LONG,
				List.of(new IndexDefinition("country"), new IndexDefinition("population")), null, false, "bench");
	}

	static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("microlith-bench");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create a temporary directory for the benchmark store", ex);
		}
	}

	static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot delete the benchmark store in " + directory, ex);
		}
	}

}
