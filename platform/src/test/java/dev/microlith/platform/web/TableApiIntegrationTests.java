package dev.microlith.platform.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;
import dev.microlith.platform.testing.TestCredentials;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads, writes and queries tables over HTTP on a node with real city data.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0", "microlith.api.max-body-size=4KB",
				"microlith.storage.max-record-size=2KB" })
class TableApiIntegrationTests {

	@TempDir
	static Path data;

	private static boolean loaded;

	@LocalServerPort
	int port;

	@Autowired
	TableService tables;

	private final JsonMapper json = JsonMapper.builder().build();

	private WebTestClient client;

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		registry.add("microlith.data-dir", () -> data.resolve("data").toString());
		registry.add("microlith.components.dir", () -> data.resolve("deploy").toString());
	}

	@BeforeEach
	void loadTables() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader("Authorization", TestCredentials.adminBasic())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
		synchronized (TableApiIntegrationTests.class) {
			if (!loaded) {
				Cities.load(this.tables, "cities");
				this.tables.declare(new TableDefinition("notes", KeyType.STRING, List.of(), null, true, "test"));
				this.tables.declare(new TableDefinition("secrets", KeyType.STRING, List.of(), null, false, "test"));
				this.tables.declare(new TableDefinition("devices", KeyType.UUID, List.of(), null, true, "test"));
				loaded = true;
			}
		}
	}

	@Test
	void getReturnsRecordWithEntityTag() {
		EntityExchangeResult<JsonNode> result = this.client.get().uri("/api/cities/1").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("ETag", "\"1\"")
			.expectBody(JsonNode.class).returnResult();

		assertThat(result.getResponseBody().get("name").asString()).isEqualTo(Cities.records().get(0).get("name"));
	}

	@Test
	void getAbsentRecordIsNotFound() {
		JsonNode problem = problem(this.client.get().uri("/api/cities/999999").exchange(), HttpStatus.NOT_FOUND);

		assertThat(problem.get("detail").asString()).contains("'999999'", "'cities'");
	}

	@Test
	void getWithInvalidKeyNamesKeyAndType() {
		JsonNode problem = problem(this.client.get().uri("/api/cities/paris").exchange(), HttpStatus.BAD_REQUEST);

		assertThat(problem.get("detail").asString()).contains("'paris'", "64-bit integer");
		assertThat(problem.get("parameter").asString()).isEqualTo("key");
		assertThat(problem.get("value").asString()).isEqualTo("paris");
	}

	@Test
	void unknownTableIsNotFound() {
		JsonNode problem = problem(this.client.get().uri("/api/planets/1").exchange(), HttpStatus.NOT_FOUND);

		assertThat(problem.get("detail").asString()).contains("'planets'");
	}

	@Test
	void tableNotExportedIsNotFound() {
		this.tables.tables().documents("secrets").put("a", Map.of("x", 1)).block();

		JsonNode read = problem(this.client.get().uri("/api/secrets/a").exchange(), HttpStatus.NOT_FOUND);
		JsonNode query = problem(this.client.get().uri("/api/secrets").exchange(), HttpStatus.NOT_FOUND);

		assertThat(read.get("detail").asString()).contains("'secrets'");
		assertThat(query.get("detail").asString()).contains("'secrets'");
	}

	@Test
	void putCreatesThenReplaces() {
		this.client.put().uri("/api/notes/put-1").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"a\"}")
			.exchange()
			.expectStatus().isCreated()
			.expectHeader().valueEquals("ETag", "\"1\"")
			.expectHeader().valueEquals("Location", "/api/notes/put-1");

		this.client.put().uri("/api/notes/put-1").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"b\"}")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("ETag", "\"2\"")
			.expectBody().jsonPath("$.record.text").isEqualTo("b").jsonPath("$.version").isEqualTo(2);
	}

	@Test
	void postCreatesRecordUnderGeneratedKey() {
		for (String path : List.of("/api/notes", "/api/notes/")) {
			EntityExchangeResult<JsonNode> created = this.client.post().uri(path)
				.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"generated\"}")
				.exchange()
				.expectStatus().isCreated()
				.expectBody(JsonNode.class).returnResult();
			String key = created.getResponseBody().get("key").asString();

			assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/notes/" + key);
			this.client.get().uri("/api/notes/" + key).exchange().expectStatus().isOk()
				.expectBody().jsonPath("$.text").isEqualTo("generated");
		}
	}

	@Test
	void patchMergesFields() {
		put("notes", "patch-1", "{\"text\":\"a\",\"tags\":[\"x\"],\"meta\":{\"a\":1,\"b\":2}}");

		this.client.patch().uri("/api/notes/patch-1").contentType(MediaType.valueOf("application/merge-patch+json"))
			.bodyValue("{\"tags\":null,\"meta\":{\"b\":null,\"c\":3},\"more\":true}")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("ETag", "\"2\"");

		JsonNode record = this.client.get().uri("/api/notes/patch-1").exchange().expectBody(JsonNode.class)
			.returnResult().getResponseBody();
		assertThat(record.get("text").asString()).isEqualTo("a");
		assertThat(record.has("tags")).isFalse();
		assertThat(record.get("meta").toString()).isEqualTo("{\"a\":1,\"c\":3}");
		assertThat(record.get("more").asBoolean()).isTrue();
	}

	@Test
	void patchAbsentRecordIsNotFound() {
		problem(this.client.patch().uri("/api/notes/nobody").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"a\":1}").exchange(), HttpStatus.NOT_FOUND);
	}

	@Test
	void deleteRemovesRecordThenNotFound() {
		put("notes", "delete-1", "{\"text\":\"a\"}");

		this.client.delete().uri("/api/notes/delete-1").exchange().expectStatus().isNoContent();

		this.client.get().uri("/api/notes/delete-1").exchange().expectStatus().isNotFound();
		problem(this.client.delete().uri("/api/notes/delete-1").exchange(), HttpStatus.NOT_FOUND);
	}

	@Test
	void ifNoneMatchCurrentVersionNotModified() {
		put("notes", "etag-1", "{\"text\":\"a\"}");

		this.client.get().uri("/api/notes/etag-1").header("If-None-Match", "\"1\"").exchange()
			.expectStatus().isNotModified()
			.expectHeader().valueEquals("ETag", "\"1\"");
		this.client.get().uri("/api/notes/etag-1").header("If-None-Match", "\"7\"").exchange()
			.expectStatus().isOk();
	}

	@Test
	void ifMatchGuardsPut() {
		put("notes", "match-put", "{\"text\":\"a\"}");

		problem(this.client.put().uri("/api/notes/match-put").header("If-Match", "\"2\"")
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"b\"}").exchange(),
				HttpStatus.PRECONDITION_FAILED);
		this.client.put().uri("/api/notes/match-put").header("If-Match", "\"1\"")
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"c\"}").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("ETag", "\"2\"");
		problem(this.client.put().uri("/api/notes/match-put-absent").header("If-Match", "*")
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"b\"}").exchange(),
				HttpStatus.PRECONDITION_FAILED);
	}

	@Test
	void ifNoneMatchAnyOnPutOnlyCreates() {
		this.client.put().uri("/api/notes/create-only").header("If-None-Match", "*")
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"a\"}").exchange()
			.expectStatus().isCreated();

		JsonNode problem = problem(this.client.put().uri("/api/notes/create-only").header("If-None-Match", "*")
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"b\"}").exchange(),
				HttpStatus.PRECONDITION_FAILED);

		assertThat(problem.get("detail").asString()).contains("'create-only'", "If-None-Match *");
		this.client.get().uri("/api/notes/create-only").exchange()
			.expectBody().jsonPath("$.text").isEqualTo("a");
	}

	@Test
	void ifMatchGuardsPatch() {
		put("notes", "match-patch", "{\"text\":\"a\"}");

		JsonNode problem = problem(this.client.patch().uri("/api/notes/match-patch").header("If-Match", "\"5\"")
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"b\"}").exchange(),
				HttpStatus.PRECONDITION_FAILED);
		this.client.patch().uri("/api/notes/match-patch").header("If-Match", "\"1\"")
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"c\"}").exchange()
			.expectStatus().isOk();

		assertThat(problem.get("detail").asString()).contains("\"5\"", "\"1\"");
	}

	@Test
	void ifMatchGuardsDelete() {
		put("notes", "match-delete", "{\"text\":\"a\"}");

		problem(this.client.delete().uri("/api/notes/match-delete").header("If-Match", "\"3\"").exchange(),
				HttpStatus.PRECONDITION_FAILED);
		this.client.delete().uri("/api/notes/match-delete").header("If-Match", "\"1\"").exchange()
			.expectStatus().isNoContent();
	}

	@Test
	void concurrentPatchesWithSameTagOneWins() {
		put("notes", "race", "{\"n\":0}");
		WebClient web = WebClient.builder().baseUrl("http://127.0.0.1:" + this.port).defaultHeader("Authorization", TestCredentials.adminBasic()).build();

		List<Integer> statuses = Flux.range(1, 10)
			.flatMap((n) -> web.patch().uri("/api/notes/race").header("If-Match", "\"1\"")
				.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"n\":" + n + "}")
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())))
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 412).hasSize(9);
		this.client.get().uri("/api/notes/race").exchange().expectHeader().valueEquals("ETag", "\"2\"");
	}

	@Test
	void uuidKeysAreConvertedAndChecked() {
		String key = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

		this.client.put().uri("/api/devices/" + key).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"on\":true}")
			.exchange()
			.expectStatus().isCreated()
			.expectBody().jsonPath("$.key").isEqualTo(key);
		JsonNode problem = problem(this.client.get().uri("/api/devices/42").exchange(), HttpStatus.BAD_REQUEST);

		assertThat(problem.get("detail").asString()).contains("'42'", "UUID");
	}

	@Test
	void bodyOverLimitIsContentTooLarge() {
		String large = "{\"text\":\"" + "x".repeat(5000) + "\"}";

		JsonNode problem = problem(this.client.put().uri("/api/notes/large").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(large).exchange(), HttpStatus.CONTENT_TOO_LARGE);

		assertThat(problem.get("detail").asString()).contains("4096", "microlith.api.max-body-size");
	}

	@Test
	void recordOverStorageLimitIsRejected() {
		String large = "{\"text\":\"" + "x".repeat(3000) + "\"}";

		JsonNode problem = problem(this.client.put().uri("/api/notes/large").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(large).exchange(), HttpStatus.BAD_REQUEST);

		assertThat(problem.get("detail").asString()).contains("'large'", "2048", "microlith.storage.max-record-size");
	}

	@Test
	void bodyOfOtherContentTypeIsUnsupported() {
		JsonNode problem = problem(this.client.put().uri("/api/notes/text").contentType(MediaType.TEXT_PLAIN)
			.bodyValue("text=a").exchange(), HttpStatus.UNSUPPORTED_MEDIA_TYPE);

		assertThat(problem.get("detail").asString()).contains("'text/plain'", "application/json");
	}

	@Test
	void malformedJsonNamesPosition() {
		JsonNode problem = problem(this.client.put().uri("/api/notes/bad").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\":\n  oops}").exchange(), HttpStatus.BAD_REQUEST);

		assertThat(problem.get("detail").asString()).contains("Malformed JSON", "line 2");
	}

	@Test
	void bodyThatIsNoObjectIsRejected() {
		JsonNode problem = problem(this.client.put().uri("/api/notes/bad").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("[1, 2]").exchange(), HttpStatus.BAD_REQUEST);

		assertThat(problem.get("detail").asString()).contains("expected a JSON object", "array");
	}

	@Test
	void missingBodyIsRejected() {
		JsonNode problem = problem(this.client.put().uri("/api/notes/bad").contentType(MediaType.APPLICATION_JSON)
			.exchange(), HttpStatus.BAD_REQUEST);

		assertThat(problem.get("detail").asString()).contains("Missing request body");
	}

	@Test
	void queryWithoutConditionsInKeyOrder() {
		List<JsonNode> all = query("/api/cities?limit=5");

		assertThat(all).extracting((entry) -> entry.get("key").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(all.get(0).get("version").asLong()).isEqualTo(1);
		assertThat(all.get(0).get("record").get("name").asString()).isEqualTo(Cities.records().get(0).get("name"));
	}

	@Test
	void queryEachOperator() {
		expectMatches("/api/cities?country=FR", (city) -> city.get("country").equals("FR"));
		expectMatches("/api/cities?country=eq=FR", (city) -> city.get("country").equals("FR"));
		expectMatches("/api/cities?country=ne=US", (city) -> !city.get("country").equals("US"));
		expectMatches("/api/cities?lat=gt=60", (city) -> (double) city.get("lat") > 60);
		expectMatches("/api/cities?lat=ge=60.0", (city) -> (double) city.get("lat") >= 60);
		expectMatches("/api/cities?lat=lt=-40", (city) -> (double) city.get("lat") < -40);
		expectMatches("/api/cities?lat=le=-40", (city) -> (double) city.get("lat") <= -40);
		expectMatches("/api/cities?name=sw=San", (city) -> ((String) city.get("name")).startsWith("San"));
		expectMatches("/api/cities?name=ct=burg", (city) -> ((String) city.get("name")).contains("burg"));
		expectMatches("/api/cities?country=in=FR,DE,IT",
				(city) -> List.of("FR", "DE", "IT").contains(city.get("country")));
	}

	@Test
	void queryCombinesConditions() {
		expectMatches("/api/cities?country=US&lat=gt=40&lng=lt=-100", (city) -> city.get("country").equals("US")
				&& (double) city.get("lat") > 40 && (double) city.get("lng") < -100);
		expectMatches("/api/cities?lat=gt=40&lat=lt=45",
				(city) -> (double) city.get("lat") > 40 && (double) city.get("lat") < 45);
	}

	@Test
	void queryOnNestedField() {
		expectMatches("/api/cities?location.lat=gt=60&country=ne=RU",
				(city) -> (double) city.get("lat") > 60 && !city.get("country").equals("RU"));
	}

	@Test
	void queryKeepsLeadingZeroTextAsString() {
		expectMatches("/api/cities?admin1=03", (city) -> city.get("admin1").equals("03"));
		expectMatches("/api/cities?admin1=\"10\"", (city) -> city.get("admin1").equals("10"));
		assertThat(query("/api/cities?admin1=03")).isNotEmpty();
		assertThat(query("/api/cities?admin1=10")).isEmpty();
	}

	@Test
	void querySortsAscendingAndDescending() {
		List<JsonNode> sorted = query("/api/cities?country=in=FR,DE&sort=country,-lat");

		List<Map<String, Object>> expected = new ArrayList<>(Cities.records().stream()
			.filter((city) -> List.of("FR", "DE").contains(city.get("country"))).toList());
		expected.sort(Comparator.comparing((Map<String, Object> city) -> (String) city.get("country"))
			.thenComparing((city) -> (double) city.get("lat"), Comparator.reverseOrder()));
		assertThat(sorted).extracting((entry) -> entry.get("record").get("name").asString())
			.containsExactlyElementsOf(expected.stream().map((city) -> (String) city.get("name")).toList());
	}

	@Test
	void queryPagesWithLimitAndOffset() {
		List<JsonNode> page = query("/api/cities?country=US&offset=10&limit=20");

		List<Integer> keys = IntStream.range(0, Cities.records().size())
			.filter((i) -> Cities.records().get(i).get("country").equals("US"))
			.map((i) -> i + 1).boxed().skip(10).limit(20).toList();
		assertThat(page).extracting((entry) -> entry.get("key").asInt()).containsExactlyElementsOf(keys);
	}

	@Test
	void querySelectsFields() {
		List<JsonNode> selected = query("/api/cities?country=FR&select=name,location.lat&limit=3");

		assertThat(selected).hasSize(3);
		assertThat(selected.get(0).get("record").propertyNames()).containsExactlyInAnyOrder("name", "location");
		assertThat(selected.get(0).get("record").get("location").propertyNames()).containsExactly("lat");
	}

	@Test
	void queryCountsMatchesInHeader() {
		long expected = Cities.records().stream().filter((city) -> city.get("country").equals("US")).count();

		this.client.get().uri("/api/cities?country=US&limit=1&count=true").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals(TableApiHandler.TOTAL_COUNT, Long.toString(expected));
	}

	@Test
	void queryStreamsNdjson() {
		String body = this.client.get().uri("/api/cities?country=DE").accept(MediaType.APPLICATION_NDJSON).exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
			.expectBody(String.class).returnResult().getResponseBody();

		List<String> lines = body.lines().toList();
		long expected = Cities.records().stream().filter((city) -> city.get("country").equals("DE")).count();
		assertThat(lines).hasSize((int) expected);
		assertThat(this.json.readTree(lines.get(0)).get("record").get("country").asString()).isEqualTo("DE");
	}

	@Test
	void queryWithUnknownOperatorNamesIt() {
		JsonNode problem = problem(this.client.get().uri("/api/cities?lat=above=10").exchange(),
				HttpStatus.BAD_REQUEST);

		assertThat(problem.get("detail").asString()).contains("'=above='", "=gt=");
		assertThat(problem.get("parameter").asString()).isEqualTo("lat");
		assertThat(problem.get("value").asString()).isEqualTo("above=10");
	}

	@Test
	void queryWithInvalidLimitOrOffsetNamesIt() {
		for (String parameter : List.of("limit=ten", "limit=-1", "offset=x")) {
			JsonNode problem = problem(this.client.get().uri("/api/cities?" + parameter).exchange(),
					HttpStatus.BAD_REQUEST);

			assertThat(problem.get("parameter").asString()).isEqualTo(parameter.substring(0, parameter.indexOf('=')));
			assertThat(problem.get("detail").asString()).contains("expected an integer of zero or more");
		}
	}

	@Test
	void queryWithInvalidSortFieldIsRejected() {
		JsonNode problem = problem(this.client.get().uri("/api/cities?sort=.name").exchange(), HttpStatus.BAD_REQUEST);

		assertThat(problem.get("detail").asString()).contains("'.name'");
	}

	@Test
	void queryWithNullValueIsRejected() {
		JsonNode problem = problem(this.client.get().uri("/api/cities?name=null").exchange(), HttpStatus.BAD_REQUEST);

		assertThat(problem.get("detail").asString()).contains("null", "double quotes");
	}

	private void put(String table, String key, String body) {
		this.client.put().uri("/api/" + table + "/" + key).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange()
			.expectStatus().is2xxSuccessful();
	}

	private List<JsonNode> query(String uri) {
		JsonNode array = this.client.get().uri(uri).exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		List<JsonNode> entries = new ArrayList<>();
		array.forEach(entries::add);
		return entries;
	}

	private void expectMatches(String uri, Predicate<Map<String, Object>> filter) {
		List<Long> expected = new ArrayList<>();
		for (int i = 0; i < Cities.records().size(); i++) {
			if (filter.test(Cities.records().get(i))) {
				expected.add((long) i + 1);
			}
		}

		List<JsonNode> found = query(uri);

		assertThat(expected).as("cities expected from %s", uri).isNotEmpty();
		assertThat(found).as(uri).extracting((entry) -> entry.get("key").asLong()).containsExactlyElementsOf(expected);
	}

	private JsonNode problem(WebTestClient.ResponseSpec response, HttpStatus status) {
		return response.expectStatus().isEqualTo(status)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

}
