package dev.microlith.platform.component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.microlith.platform.cache.CacheDefinition;
import dev.microlith.platform.security.TableOperation;
import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ComponentDescriptorReaderTests {

	private final ComponentDescriptorReader reader = new ComponentDescriptorReader("1.2");

	@Test
	void readsEveryField() {
		String json = """
				{"name": "orders", "version": "1.4.0", "entryClass": "com.example.OrdersComponent",
				 "sdkVersion": "1.1", "requires": ["customers"],
				 "tables": [{"name": "orders", "key": "uuid", "indexes": ["status", "customer.id"], "ttl": "30d",
				             "exported": true, "public": ["read"]}],
				 "caches": [{"name": "prices", "keyType": "long", "valueType": "com.example.Price", "size": 1000,
				             "tiers": {"offHeap": "64MB"}, "ttl": "5m", "tti": "1m", "table": "orders"}],
				 "topics": ["orders/#"]}
				""";

		ComponentDescriptor descriptor = read(json);

		assertThat(descriptor.name()).isEqualTo("orders");
		assertThat(descriptor.version()).isEqualTo("1.4.0");
		assertThat(descriptor.entryClass()).isEqualTo("com.example.OrdersComponent");
		assertThat(descriptor.requires()).containsExactly("customers");
		assertThat(descriptor.topics()).containsExactly("orders/#");
		TableDefinition table = descriptor.tables().get(0).toDefinition("orders");
		assertThat(table.keyType()).isEqualTo(KeyType.UUID);
		assertThat(table.indexes()).extracting(TableDefinition.IndexDefinition::field)
			.containsExactly("status", "customer.id");
		assertThat(table.timeToLive()).isEqualTo(Duration.ofDays(30));
		assertThat(table.exported()).isTrue();
		assertThat(descriptor.tables().get(0).publicOperations()).containsExactly(TableOperation.READ);
		assertThat(table.owner()).isEqualTo("orders");
		CacheDeclaration cache = descriptor.cache("prices");
		assertThat(cache.keyType()).isEqualTo("long");
		assertThat(cache.size()).isEqualTo(1000);
		assertThat(cache.offHeapBytes()).isEqualTo(64L * 1024 * 1024);
		assertThat(cache.diskBytes()).isZero();
		assertThat(cache.timeToLive()).isEqualTo(Duration.ofMinutes(5));
		assertThat(cache.timeToIdle()).isEqualTo(Duration.ofMinutes(1));
		assertThat(cache.table()).isEqualTo("orders");
	}

	@Test
	void readsOriginAndSurvivesRedeploy() {
		ComponentDescriptor descriptor = read("""
				{"name": "shop", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0",
				 "caches": [{"name": "prices", "size": 10, "ttl": "5m", "survivesRedeploy": true,
				             "origin": {"staleWhileRevalidate": "30s", "staleIfError": "10m"}},
				            {"name": "rates", "size": 10, "ttl": "1m", "origin": {}},
				            {"name": "plain", "size": 10}]}
				""");

		CacheDefinition prices = descriptor.cache("prices").toDefinition();
		assertThat(prices.survivesRedeploy()).isTrue();
		assertThat(prices.origin().staleWhileRevalidate()).isEqualTo(Duration.ofSeconds(30));
		assertThat(prices.origin().staleIfError()).isEqualTo(Duration.ofMinutes(10));
		CacheDefinition rates = descriptor.cache("rates").toDefinition();
		assertThat(rates.survivesRedeploy()).isFalse();
		assertThat(rates.origin().staleWhileRevalidate()).isZero();
		assertThat(rates.origin().staleIfError()).isZero();
		CacheDefinition plain = descriptor.cache("plain").toDefinition();
		assertThat(plain.survivesRedeploy()).isFalse();
		assertThat(plain.sourced()).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"name": "c", "size": 5, "survivesRedeploy": "yes"}                                          | field 'caches[0].survivesRedeploy' has value '"yes"', expected true or false
			{"name": "c", "size": 5, "ttl": "1m", "origin": "http://example.com"}                        | field 'caches[0].origin' has value '"http://example.com"', expected a JSON object
			{"name": "c", "size": 5, "ttl": "1m", "origin": {"staleIfErorr": "1m"}}                      | unknown field 'caches[0].origin.staleIfErorr'
			{"name": "c", "size": 5, "ttl": "1m", "origin": {"staleWhileRevalidate": "later"}}           | field 'caches[0].origin.staleWhileRevalidate' has value 'later'
			{"name": "c", "size": 5, "ttl": "1m", "origin": {"staleIfError": "-PT5S"}}                   | field 'caches[0].origin.staleIfError' has value '-PT5S'
			{"name": "c", "size": 5, "origin": {"staleIfError": "1m"}}                                   | Invalid cache 'c', field 'ttl': an origin-backed cache needs a time to live
			{"name": "c", "size": 5, "ttl": "1m", "table": "t", "origin": {}}                            | Invalid cache 'c', field 'origin': a cache is bound either to a table or to an origin
			{"name": "c", "size": 5, "ttl": "0s"}                                                        | Invalid cache 'c', field 'ttl': expected a duration greater than zero
			{"name": "c", "size": 5, "tiers": {"offHeap": "64MB", "disk": "32MB"}}                       | Invalid cache 'c', field 'tiers.disk'
			""")
	void rejectsInvalidCache(String cache, String expectedMessage) {
		String json = """
				{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "caches": [%s]}
				""".formatted(cache);

		assertThatExceptionOfType(InvalidComponentException.class).isThrownBy(() -> read(json))
			.withMessageContaining("test.jar")
			.withMessageContaining(expectedMessage);
	}

	@Test
	void invalidCacheErrorNamesDescriptorPath() {
		String json = """
				{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0",
				 "caches": [{"name": "ok", "size": 1}, {"name": "late", "size": 5, "ttl": "0s"}]}
				""";

		assertThatExceptionOfType(InvalidComponentException.class).isThrownBy(() -> read(json))
			.withMessageContaining("Invalid cache 'late', field 'ttl'")
			.withMessageContaining("(at 'caches[1].ttl')");
	}

	@Test
	void defaultsOptionalFields() {
		ComponentDescriptor descriptor = read("""
				{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "tables": [{"name": "t"}]}
				""");

		assertThat(descriptor.tables().get(0).keyType()).isEqualTo(KeyType.STRING);
		assertThat(descriptor.tables().get(0).exported()).isFalse();
		assertThat(descriptor.requires()).isEmpty();
		assertThat(descriptor.caches()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"version": "1", "entryClass": "a.A", "sdkVersion": "1.0"}                               | required field 'name' is missing
			{"name": "Bad Name", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0"}           | field 'name' has value 'Bad Name'
			{"name": "a", "version": "1", "entryClass": "not a class", "sdkVersion": "1.0"}          | field 'entryClass' has value 'not a class'
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "one"}                  | field 'sdkVersion' has value 'one'
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.3"}                  | needs SDK 1.3 but this node provides SDK 1.2
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "2.0"}                  | needs SDK 2.0
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "tabels": []}    | unknown field 'tabels'
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "requires": ["a"]} | field 'requires[0]' has value 'a'
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "tables": [{"name": "t", "key": "int"}]} | field 'tables[0].key' has value 'int', expected one of string, long, uuid
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "tables": [{"name": "t", "ttl": "soon"}]} | field 'tables[0].ttl' has value 'soon'
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "tables": [{"name": "9t"}]} | field 'tables[0]': Invalid table name '9t'
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "tables": [{"name": "t"}, {"name": "t"}]} | table 't' appears more than once
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "tables": [{"name": "t", "public": ["read"]}]} | field 'tables[0].public' has value '[read]', expected no public operations on a table that is not exported
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "tables": [{"name": "t", "exported": true, "public": ["write"]}]} | field 'tables[0].public' has value 'write', expected a list of read, insert, update, delete
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "tables": [{"name": "microlith-users"}]} | field 'tables[0].name' has value 'microlith-users', expected a name that does not start with
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "caches": [{"name": "c"}]} | field 'caches[0].size' has value null
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "caches": [{"name": "c", "size": 5, "tiers": {"offHeap": "lots"}}]} | field 'caches[0].tiers.offHeap' has value 'lots'
			{"name": "a", "version": "1", "entryClass": "a.A", "sdkVersion": "1.0", "topics": ["a//b"]} | field 'topics[0]' has value 'a//b'
			[1, 2]                                                                                    | field '(document)'
			{"name": "a",                                                                             | not valid JSON
			""")
	void rejectsInvalidDescriptor(String json, String expectedMessage) {
		assertThatExceptionOfType(InvalidComponentException.class).isThrownBy(() -> read(json))
			.withMessageContaining("test.jar")
			.withMessageContaining(expectedMessage);
	}

	private ComponentDescriptor read(String json) {
		return this.reader.read(json.getBytes(StandardCharsets.UTF_8), "test.jar");
	}

}
