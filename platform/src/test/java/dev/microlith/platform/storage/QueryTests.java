package dev.microlith.platform.storage;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.microlith.platform.storage.TestRecords.Address;
import dev.microlith.platform.storage.TestRecords.City;
import dev.microlith.sdk.table.Condition;
import dev.microlith.sdk.table.InvalidQueryException;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Sort;
import dev.microlith.sdk.table.Table;

import static dev.microlith.platform.storage.TestRecords.table;
import static dev.microlith.sdk.table.Condition.between;
import static dev.microlith.sdk.table.Condition.contains;
import static dev.microlith.sdk.table.Condition.eq;
import static dev.microlith.sdk.table.Condition.ge;
import static dev.microlith.sdk.table.Condition.gt;
import static dev.microlith.sdk.table.Condition.in;
import static dev.microlith.sdk.table.Condition.le;
import static dev.microlith.sdk.table.Condition.lt;
import static dev.microlith.sdk.table.Condition.ne;
import static dev.microlith.sdk.table.Condition.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTests {

	private StorageEngine engine;

	private Table<String, City> cities;

	@BeforeEach
	void fillTable() {
		this.engine = StorageEngine.inMemory(TestRecords.properties());
		this.engine.declare(table("cities", KeyType.STRING, "country", "population", "tags", "address.zip"));
		this.cities = this.engine.table("cities", String.class, City.class);
		put("paris", "Paris", "FR", 2_100_000, List.of("capital", "river"), "75000");
		put("lyon", "Lyon", "FR", 520_000, List.of("river"), "69000");
		put("nice", "Nice", "FR", 340_000, List.of("sea"), "06000");
		put("berlin", "Berlin", "DE", 3_600_000, List.of("capital", "river"), "10115");
		put("bonn", "Bonn", "DE", 330_000, List.of(), "53111");
		put("rome", "Rome", "IT", 2_800_000, List.of("capital"), null);
	}

	@AfterEach
	void closeEngine() {
		this.engine.close();
	}

	@Test
	void equalityOnIndexedField() {
		assertThat(keys(Query.where(eq("country", "DE")))).containsExactly("berlin", "bonn");
	}

	@Test
	void equalityOnUnindexedFieldScans() {
		assertThat(keys(Query.where(eq("name", "Nice")))).containsExactly("nice");
	}

	@Test
	void notEqual() {
		assertThat(keys(Query.where(ne("country", "FR")))).containsExactly("berlin", "bonn", "rome");
	}

	@Test
	void rangesOnIndexedField() {
		assertThat(keys(Query.where(gt("population", 2_100_000)))).containsExactly("berlin", "rome");
		assertThat(keys(Query.where(ge("population", 2_100_000)))).containsExactly("berlin", "paris", "rome");
		assertThat(keys(Query.where(lt("population", 340_000)))).containsExactly("bonn");
		assertThat(keys(Query.where(le("population", 340_000)))).containsExactly("bonn", "nice");
		assertThat(keys(Query.where(between("population", 340_000, 2_100_000)))).containsExactly("lyon", "nice",
				"paris");
	}

	@Test
	void rangeOnUnindexedFieldScans() {
		assertThat(keys(Query.where(between("name", "B", "Bz")))).containsExactly("berlin", "bonn");
	}

	@Test
	void numbersCompareAcrossIntegerAndDecimal() {
		assertThat(keys(Query.where(gt("population", 3_599_999.5)))).containsExactly("berlin");
	}

	@Test
	void inAndStartsWith() {
		assertThat(keys(Query.where(in("country", "IT", "DE")))).containsExactly("berlin", "bonn", "rome");
		assertThat(keys(Query.where(startsWith("name", "B")))).containsExactly("berlin", "bonn");
		assertThat(keys(Query.where(startsWith("address.zip", "6")))).containsExactly("lyon");
	}

	@Test
	void listElementsAreIndexed() {
		assertThat(keys(Query.where(eq("tags", "capital")))).containsExactly("berlin", "paris", "rome");
		assertThat(keys(Query.where(contains("tags", "sea")))).containsExactly("nice");
	}

	@Test
	void containsOnStringMatchesSubstring() {
		assertThat(keys(Query.where(contains("name", "on")))).containsExactly("bonn", "lyon");
	}

	@Test
	void nestedFieldEquality() {
		assertThat(keys(Query.where(eq("address.zip", "75000")))).containsExactly("paris");
		assertThat(keys(Query.where(eq("address.city", "Lyon")))).containsExactly("lyon");
	}

	@Test
	void andOrCombinations() {
		Condition bigFrench = eq("country", "FR").and(gt("population", 400_000));
		Condition germanOrSea = eq("country", "DE").or(eq("tags", "sea"));
		Condition mixed = eq("country", "IT").or(eq("name", "Bonn"));

		assertThat(keys(Query.where(bigFrench))).containsExactly("lyon", "paris");
		assertThat(keys(Query.where(germanOrSea))).containsExactly("berlin", "bonn", "nice");
		assertThat(keys(Query.where(mixed))).containsExactly("bonn", "rome");
	}

	@Test
	void sortOnSeveralFieldsWithOffsetAndLimit() {
		Query query = Query.all().sort(Sort.ascending("country"), Sort.descending("population")).offset(1).limit(3);

		assertThat(keys(query)).containsExactly("bonn", "paris", "lyon");
	}

	@Test
	void recordsWithoutSortFieldComeFirst() {
		assertThat(keys(Query.all().sort(Sort.ascending("address.zip")).limit(2))).containsExactly("rome", "nice");
	}

	@Test
	void countIgnoresLimit() {
		assertThat(this.cities.count(Query.where(eq("country", "FR")).limit(1))).isEqualTo(3);
		assertThat(this.cities.count(Query.all())).isEqualTo(6);
	}

	@Test
	void selectKeepsOnlyNamedFields() {
		Row<String, City> row = this.cities.find(Query.where(eq("country", "IT")).select("name")).blockFirst();

		assertThat(row.value()).isEqualTo(new City("Rome", null, 0, null, null));
	}

	@Test
	void streamHonoursBackpressure() {
		StepVerifier.create(this.cities.find(Query.all()), 2)
			.expectNextCount(2)
			.thenRequest(10)
			.expectNextCount(4)
			.verifyComplete();
	}

	@Test
	void indexFollowsUpdatesAndDeletes() {
		put("bonn", "Bonn", "FR", 330_000, List.of(), "53111");
		this.cities.delete("paris").block();

		assertThat(keys(Query.where(eq("country", "DE")))).containsExactly("berlin");
		assertThat(keys(Query.where(eq("country", "FR")))).containsExactly("bonn", "lyon", "nice");
		assertThat(keys(Query.where(eq("tags", "capital")))).containsExactly("berlin", "rome");
	}

	@Test
	void indexDeclaredLaterIsBuiltFromData() {
		this.engine.declare(table("cities", KeyType.STRING, "country", "population", "tags", "address.zip", "name"));

		assertThat(this.engine.state("cities").index("name").size()).isEqualTo(6);
		assertThat(keys(Query.where(eq("name", "Rome")))).containsExactly("rome");
	}

	@Test
	void documentQueriesAcceptAnyField() {
		List<Object> keys = this.engine.tables()
			.documents("cities")
			.find(Query.where(eq("mayor", "nobody")))
			.map(Row::key)
			.collectList()
			.block();

		assertThat(keys).isEmpty();
	}

	@Test
	void unknownFieldIsRejected() {
		assertThatThrownBy(() -> this.cities.find(Query.where(eq("mayor", "x"))))
			.isInstanceOf(InvalidQueryException.class)
			.hasMessageContaining("Unknown field 'mayor'")
			.hasMessageContaining("population");
		assertThatThrownBy(() -> this.cities.count(Query.all().sort(Sort.ascending("mayor"))))
			.isInstanceOf(InvalidQueryException.class);
	}

	@Test
	void valueOfWrongTypeIsRejected() {
		assertThatThrownBy(() -> this.cities.find(Query.where(gt("population", "large"))))
			.isInstanceOf(InvalidQueryException.class)
			.hasMessageContaining("'large'")
			.hasMessageContaining("number");
		assertThatThrownBy(() -> this.cities.find(Query.where(eq("name", new Address("a", "b")))))
			.isInstanceOf(InvalidQueryException.class)
			.hasMessageContaining("expected a string, number, boolean or UUID");
	}

	@Test
	void invalidFieldPathIsRejected() {
		assertThatThrownBy(() -> this.engine.tables().documents("cities").count(Query.where(eq("a..b", 1))))
			.isInstanceOf(InvalidQueryException.class)
			.hasMessageContaining("'a..b'");
	}

	private List<String> keys(Query query) {
		return this.cities.find(query).map(Row::key).collectList().block();
	}

	private void put(String key, String name, String country, long population, List<String> tags, String zip) {
		Address address = (zip != null) ? new Address(name, zip) : null;
		this.cities.put(key, new City(name, country, population, tags, address)).block();
	}

}
