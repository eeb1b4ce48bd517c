package dev.microlith.platform.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.microlith.platform.storage.TestRecords.Address;
import dev.microlith.platform.storage.TestRecords.City;
import dev.microlith.platform.storage.TestRecords.Note;
import dev.microlith.sdk.table.DuplicateKeyException;
import dev.microlith.sdk.table.InvalidRecordException;
import dev.microlith.sdk.table.RecordNotFoundException;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.TableException;
import dev.microlith.sdk.table.TableNotFoundException;
import dev.microlith.sdk.table.VersionConflictException;

import static dev.microlith.platform.storage.TestRecords.document;
import static dev.microlith.platform.storage.TestRecords.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageEngineTests {

	@TempDir
	Path directory;

	private StorageEngine engine;

	@AfterEach
	void closeEngine() {
		if (this.engine != null) {
			this.engine.close();
		}
	}

	@Test
	void putThenGetAfterReopen() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		Table<String, City> cities = this.engine.table("cities", String.class, City.class);

		Row<String, City> row = cities.put("paris", new City("Paris", "FR", 2_100_000)).block();
		this.engine.close();
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		cities = this.engine.table("cities", String.class, City.class);

		assertThat(cities.get("paris")).contains(new City("Paris", "FR", 2_100_000));
		assertThat(cities.getRow("paris").orElseThrow().version()).isEqualTo(1);
		assertThat(cities.getRow("paris").orElseThrow().sequence()).isEqualTo(row.sequence());
		assertThat(this.engine.lastSequence()).isEqualTo(row.sequence());
	}

	@Test
	void sequenceContinuesAfterReopen() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		Row<String, City> first = cities().put("a", new City("A", "FR", 1)).block();
		this.engine.close();

		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		Row<String, City> second = cities().put("a", new City("A", "FR", 2)).block();

		assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
		assertThat(second.timestamp()).isGreaterThan(first.timestamp());
		assertThat(second.version()).isEqualTo(2);
	}

	@Test
	void insertExistingKeyFails() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		cities().insert("paris", new City("Paris", "FR", 1)).block();

		assertThatThrownBy(() -> cities().insert("paris", new City("Paris", "FR", 2)).block())
			.isInstanceOf(DuplicateKeyException.class)
			.hasMessageContaining("'paris'")
			.hasMessageContaining("'cities'");
		assertThat(cities().get("paris").orElseThrow().population()).isEqualTo(1);
	}

	@Test
	void insertGeneratesLongKeys() {
		this.engine = open();
		this.engine.declare(table("numbers", KeyType.LONG));
		Table<Long, City> numbers = this.engine.table("numbers", Long.class, City.class);
		numbers.put(41L, new City("A", "FR", 1)).block();

		Row<Long, City> generated = numbers.insert(new City("B", "FR", 2)).block();
		Row<Long, City> next = numbers.insert(new City("C", "FR", 3)).block();

		assertThat(generated.key()).isEqualTo(42L);
		assertThat(next.key()).isEqualTo(43L);
	}

	@Test
	void insertGeneratesUuidKeys() {
		this.engine = open();
		this.engine.declare(table("ids", KeyType.UUID));
		Table<UUID, City> ids = this.engine.table("ids", UUID.class, City.class);

		Row<UUID, City> generated = ids.insert(new City("B", "FR", 2)).block();

		assertThat(ids.get(generated.key())).contains(new City("B", "FR", 2));
	}

	@Test
	void patchMergesFieldsAndRemovesNulls() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		cities().put("paris", new City("Paris", "FR", 1, List.of("capital"), new Address("Paris", "75000"))).block();
		Map<String, Object> fields = new java.util.HashMap<>();
		fields.put("population", 5);
		fields.put("address", null);

		Row<String, City> patched = cities().patch("paris", fields).block();

		assertThat(patched.value()).isEqualTo(new City("Paris", "FR", 5, List.of("capital"), null));
		assertThat(patched.version()).isEqualTo(2);
	}

	@Test
	void patchOfAbsentKeyFails() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));

		assertThatThrownBy(() -> cities().patch("nowhere", Map.of("population", 1)).block())
			.isInstanceOf(RecordNotFoundException.class)
			.hasMessageContaining("'nowhere'");
	}

	@Test
	void patchWithWrongTypeFails() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		cities().put("paris", new City("Paris", "FR", 1)).block();

		assertThatThrownBy(() -> cities().patch("paris", Map.of("population", "many")).block())
			.isInstanceOf(InvalidRecordException.class)
			.hasMessageContaining(City.class.getName());
		assertThat(cities().get("paris").orElseThrow().population()).isEqualTo(1);
	}

	@Test
	void deleteReturnsWhetherRecordExisted() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		cities().put("paris", new City("Paris", "FR", 1)).block();

		assertThat(cities().delete("paris").block()).isTrue();
		assertThat(cities().delete("paris").block()).isFalse();
		assertThat(cities().get("paris")).isEmpty();
		assertThat(cities().count()).isZero();
	}

	@Test
	void updateAppliesFunctionAndDeletesOnNull() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));

		Row<String, City> created = cities().update("lyon", (old) -> new City("Lyon", "FR", 1)).block();
		Row<String, City> grown = cities()
			.update("lyon", (old) -> new City(old.name(), old.country(), old.population() + 1))
			.block();
		Row<String, City> deleted = cities().update("lyon", (old) -> null).block();

		assertThat(created.version()).isEqualTo(1);
		assertThat(grown.value().population()).isEqualTo(2);
		assertThat(deleted).isNull();
		assertThat(cities().get("lyon")).isEmpty();
	}

	@Test
	void compareAndSetChecksVersion() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));

		Row<String, City> created = cities().compareAndSet("nice", 0, new City("Nice", "FR", 1)).block();
		Row<String, City> replaced = cities().compareAndSet("nice", 1, new City("Nice", "FR", 2)).block();

		assertThat(created.version()).isEqualTo(1);
		assertThat(replaced.version()).isEqualTo(2);
		assertThatThrownBy(() -> cities().compareAndSet("nice", 1, new City("Nice", "FR", 3)).block())
			.isInstanceOf(VersionConflictException.class)
			.hasMessageContaining("expected version 1 but it is at version 2");
	}

	@Test
	void getAllLeavesOutAbsentKeys() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		cities().put("a", new City("A", "FR", 1)).block();
		cities().put("b", new City("B", "FR", 2)).block();

		Map<String, City> found = cities().getAll(List.of("a", "x", "b"));

		assertThat(found).containsOnlyKeys("a", "b");
	}

	@Test
	void recordOverSizeLimitIsRejected() {
		StorageProperties properties = TestRecords.properties();
		properties.setMaxRecordSize(DataSize.ofBytes(100));
		this.engine = StorageEngine.open(this.directory, properties);
		this.engine.declare(table("cities", KeyType.STRING));

		assertThatThrownBy(() -> cities().put("big", new City("x".repeat(200), "FR", 1)).block())
			.isInstanceOf(InvalidRecordException.class)
			.hasMessageContaining("limit of 100 bytes")
			.hasMessageContaining("microlith.storage.max-record-size");
		assertThat(cities().count()).isZero();
	}

	@Test
	void keyOfWrongTypeIsRejected() {
		this.engine = open();
		this.engine.declare(table("numbers", KeyType.LONG));

		assertThatThrownBy(() -> this.engine.table("numbers", String.class, City.class))
			.isInstanceOf(TableException.class)
			.hasMessageContaining("java.lang.Long");
		assertThatThrownBy(() -> this.engine.tables().documents("numbers").get("seven"))
			.isInstanceOf(InvalidRecordException.class)
			.hasMessageContaining("'seven'");
	}

	@Test
	void documentKeysAcceptStringForm() {
		this.engine = open();
		this.engine.declare(table("numbers", KeyType.LONG));
		this.engine.tables().documents("numbers").put("7", document("name", "seven")).block();

		assertThat(this.engine.tables().documents("numbers").get(7L)).contains(document("name", "seven"));
	}

	@Test
	void unknownTableIsNotFound() {
		this.engine = open();

		assertThatThrownBy(() -> this.engine.tables().documents("nothing"))
			.isInstanceOf(TableNotFoundException.class)
			.hasMessageContaining("'nothing'");
	}

	@Test
	void redeclaringWithOtherKeyTypeFails() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		this.engine.close();
		this.engine = open();

		assertThatThrownBy(() -> this.engine.declare(table("cities", KeyType.LONG)))
			.isInstanceOf(TableException.class)
			.hasMessageContaining("stored with string keys");
		assertThat(this.engine.tableNames()).isEmpty();
	}

	@Test
	void redeclaringByOtherOwnerFails() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));

		assertThatThrownBy(() -> this.engine.declare(new TableDefinition("cities", KeyType.STRING, List.of(), null,
				true, "intruder")))
			.isInstanceOf(TableException.class)
			.hasMessageContaining("belongs to component 'test'");
	}

	@Test
	void missingFieldsDefaultAndUnknownFieldsAreIgnored() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		this.engine.tables().documents("cities").put("old", document("name", "Old", "mayor", "Someone")).block();

		City city = cities().get("old").orElseThrow();

		assertThat(city).isEqualTo(new City("Old", null, 0, null, null));
	}

	@Test
	void valuesHandedOutAreCopies() {
		this.engine = open();
		this.engine.declare(table("notes", KeyType.STRING));
		Table<String, Note> notes = this.engine.table("notes", String.class, Note.class);
		Note note = new Note();
		note.text = "hello";
		notes.put("n", note).block();

		notes.get("n").orElseThrow().labels.add("changed");
		note.labels.add("changed too");

		assertThat(notes.get("n").orElseThrow().labels).isEmpty();
	}

	@Test
	void documentsRoundTrip() {
		this.engine = open();
		this.engine.declare(table("cities", KeyType.STRING));
		cities().put("paris", new City("Paris", "FR", 1, List.of("a", "b"), new Address("Paris", "75000"))).block();

		Map<String, Object> document = this.engine.tables().documents("cities").get("paris").orElseThrow();

		assertThat(document).containsEntry("name", "Paris").containsEntry("tags", List.of("a", "b"));
		assertThat(document.get("address")).isEqualTo(Map.of("city", "Paris", "zip", "75000"));
		assertThat(this.engine.tables().names()).isEqualTo(Set.of("cities"));
	}

	@Test
	void inMemoryEngineWorksWithoutFiles() {
		this.engine = StorageEngine.inMemory(TestRecords.properties());
		this.engine.declare(table("cities", KeyType.STRING));

		cities().put("paris", new City("Paris", "FR", 1)).block();

		assertThat(cities().get("paris")).isPresent();
	}

	@Test
	void newerFormatFailsAndTouchesNothing() throws Exception {
		this.engine = open();
		this.engine.close();
		this.engine = null;
		Path marker = this.directory.resolve(MapDbStore.FORMAT_FILE);
		Files.writeString(marker, "format=microlith-tables\nversion=99\n");
		Map<Path, Long> before = sizes();

		assertThatThrownBy(this::open).isInstanceOf(StorageFormatException.class)
			.hasMessageContaining("version 99")
			.hasMessageContaining("newer");
		assertThat(sizes()).isEqualTo(before);
	}

	@Test
	void foreignDirectoryFailsAndTouchesNothing() throws Exception {
		Files.writeString(this.directory.resolve("something.db"), "not ours");
		Map<Path, Long> before = sizes();

		assertThatThrownBy(this::open).isInstanceOf(StorageFormatException.class)
			.hasMessageContaining("not a Microlith table store");
		assertThat(sizes()).isEqualTo(before);
	}

	private Map<Path, Long> sizes() throws Exception {
		Map<Path, Long> sizes = new java.util.TreeMap<>();
		try (var files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				sizes.put(file.getFileName(), Files.size(file) * 1_000_000_000L + Files.getLastModifiedTime(file).toMillis() % 1_000_000_000L);
			}
		}
		return sizes;
	}

	private StorageEngine open() {
		return StorageEngine.open(this.directory, TestRecords.properties());
	}

	private Table<String, City> cities() {
		return this.engine.table("cities", String.class, City.class);
	}

}
