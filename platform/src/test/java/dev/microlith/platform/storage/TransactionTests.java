package dev.microlith.platform.storage;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microlith.platform.storage.TestRecords.City;
import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.DuplicateKeyException;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.TableException;
import dev.microlith.sdk.table.Transaction;

import static dev.microlith.platform.storage.TestRecords.document;
import static dev.microlith.platform.storage.TestRecords.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionTests {

	private StorageEngine engine;

	private Table<String, City> cities;

	@BeforeEach
	void declareTables() {
		this.engine = StorageEngine.inMemory(TestRecords.properties());
		this.engine.declare(table("cities", KeyType.STRING, "country"));
		this.engine.declare(table("counters", KeyType.STRING));
		this.cities = this.engine.table("cities", String.class, City.class);
	}

	@AfterEach
	void closeEngine() {
		this.engine.close();
	}

	@Test
	void writesToSeveralTablesCommitTogether() {
		String result = this.engine.tables().transaction((tx) -> {
			tx.table("cities", String.class, City.class).insert("paris", new City("Paris", "FR", 1));
			tx.documents("counters").put("cities", document("count", 1));
			return "done";
		}).block();

		assertThat(result).isEqualTo("done");
		assertThat(this.cities.get("paris")).isPresent();
		assertThat(this.engine.tables().documents("counters").get("cities")).contains(document("count", 1));
	}

	@Test
	void failureRollsBackEveryWrite() {
		this.cities.put("lyon", new City("Lyon", "FR", 1)).block();
		long sequence = this.engine.lastSequence();

		assertThatThrownBy(() -> this.engine.tables().transaction((tx) -> {
			tx.documents("counters").put("cities", document("count", 1));
			tx.table("cities", String.class, City.class).insert("lyon", new City("Lyon", "FR", 2));
			return null;
		}).block()).isInstanceOf(DuplicateKeyException.class);

		assertThat(this.engine.tables().documents("counters").get("cities")).isEmpty();
		assertThat(this.cities.get("lyon").orElseThrow().population()).isEqualTo(1);
		assertThat(this.engine.lastSequence()).isEqualTo(sequence);
		Row<String, City> next = this.cities.put("nice", new City("Nice", "FR", 1)).block();
		assertThat(next.sequence()).isEqualTo(sequence + 1);
	}

	@Test
	void readsSeeOwnWrites() {
		Long version = this.engine.tables().transaction((tx) -> {
			Transaction.View<String, City> view = tx.table("cities", String.class, City.class);
			view.put("a", new City("A", "FR", 1));
			view.patch("a", Map.of("population", 2));
			return view.get("a").orElseThrow().version();
		}).block();

		assertThat(version).isEqualTo(2);
	}

	@Test
	void changesOfTransactionAreConsecutive() {
		this.engine.tables().transaction((tx) -> {
			Transaction.View<String, City> view = tx.table("cities", String.class, City.class);
			view.put("a", new City("A", "FR", 1));
			view.put("b", new City("B", "FR", 1));
			view.delete("a");
			return null;
		}).block();

		assertThat(this.cities.changes(0).take(3).map(Change::sequence).collectList().block())
			.containsExactly(1L, 2L, 3L);
		assertThat(this.cities.count()).isEqualTo(1);
	}

	@Test
	void viewUsedAfterTransactionIsRejected() {
		Transaction.View<String, City> leaked = this.engine.tables()
			.transaction((tx) -> tx.table("cities", String.class, City.class))
			.block();

		assertThatThrownBy(() -> leaked.get("a")).isInstanceOf(TableException.class)
			.hasMessageContaining("outside its work");
	}

	@Test
	void handleWriteInsideTransactionIsRejected() {
		assertThatThrownBy(() -> this.engine.tables()
			.transaction((tx) -> this.cities.put("a", new City("A", "FR", 1)).block())
			.block()).isInstanceOf(TableException.class).hasMessageContaining("transaction's views");
	}

}
