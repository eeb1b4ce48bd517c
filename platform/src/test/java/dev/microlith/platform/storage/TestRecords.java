package dev.microlith.platform.storage;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.microlith.platform.storage.TableDefinition.IndexDefinition;

/** Record types and definitions shared by the storage tests. */
final class TestRecords {

	private TestRecords() {
	}

	record Address(String city, String zip) {
	}

	record City(String name, String country, long population, List<String> tags, Address address) {

		City(String name, String country, long population) {
			this(name, country, population, List.of(), null);
		}

	}

	/** A mutable class, to check that handed-out values are copies. */
	static class Note {

		public String text;

		public List<String> labels = new java.util.ArrayList<>();

	}

	static TableDefinition table(String name, KeyType keyType, String... indexes) {
		return new TableDefinition(name, keyType, List.of(indexes).stream().map(IndexDefinition::new).toList(), null,
				true, "test");
	}

	static TableDefinition tableWithTimeToLive(String name, Duration timeToLive) {
		return new TableDefinition(name, KeyType.STRING, List.of(), timeToLive, true, "test");
	}

	static StorageProperties properties() {
		StorageProperties properties = new StorageProperties();
		properties.setExpirySweepInterval(Duration.ofMillis(50));
		return properties;
	}

	static Map<String, Object> document(Object... pairs) {
		Map<String, Object> document = new java.util.LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			document.put((String) pairs[i], pairs[i + 1]);
		}
		return document;
	}

}
