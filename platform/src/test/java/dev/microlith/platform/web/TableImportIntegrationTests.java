package dev.microlith.platform.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;
import dev.microlith.platform.testing.TestCredentials;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports real city files with a few bad records in NDJSON, CSV and JSON, in batches of 50.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0", "microlith.api.import.batch-size=50",
				"microlith.api.import.max-listed-failures=2", "microlith.api.import.max-record-size=16KB" })
class TableImportIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	static Path data;

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
	void createClient() {
		this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).responseTimeout(TIMEOUT)
			.defaultHeader("Authorization", TestCredentials.adminBasic())
			.build();
	}

	@Test
	void ndjsonImportListsBadLines() {
		declare("ndjson_cities", KeyType.LONG);

		JsonNode job = runImport("/api/ndjson_cities/import", MediaType.APPLICATION_NDJSON, "import/cities.ndjson");

		assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(job.get("format").asString()).isEqualTo("NDJSON");
		assertThat(job.get("read").asLong()).isEqualTo(303);
		assertThat(job.get("imported").asLong()).isEqualTo(300);
		assertThat(job.get("failed").asLong()).isEqualTo(3);
		assertThat(job.get("failures")).hasSize(2);
		assertThat(job.get("failures").get(0).get("line").asLong()).isEqualTo(5);
		assertThat(job.get("failures").get(0).get("reason").asString()).contains("Malformed JSON");
		assertThat(job.get("failures").get(1).get("line").asLong()).isEqualTo(50);
		assertThat(job.get("failures").get(1).get("reason").asString()).contains("expected a JSON object", "array");
		assertThat(count("ndjson_cities")).isEqualTo(300);
		JsonNode first = record("/api/ndjson_cities/1");
		assertThat(first.has("key")).isFalse();
		assertThat(first.get("lat").isNumber()).isTrue();
	}

	@Test
	void ndjsonImportSkipsKeyOfWrongType() {
		declare("ndjson_keys", KeyType.LONG);

		JsonNode job = runImport("/api/ndjson_keys/import", MediaType.APPLICATION_NDJSON,
				"import/cities.ndjson");

		assertThat(job.get("failed").asLong()).isEqualTo(3);
		assertThat(record("/api/ndjson_keys/120")).isNotNull();
		assertThat(this.client.get().uri("/api/ndjson_keys?name=Bad key").exchange().expectBody(JsonNode.class)
			.returnResult().getResponseBody()).isEmpty();
	}

	@Test
	void csvImportConvertsValuesAndListsBadRows() {
		declare("csv_cities", KeyType.LONG);
		this.client.put().uri("/api/csv_cities/7").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"replaced by the import\"}").exchange().expectStatus().isCreated();

		JsonNode job = runImport("/api/csv_cities/import", MediaType.valueOf("text/csv"), "import/cities.csv");

		assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(job.get("format").asString()).isEqualTo("CSV");
		assertThat(job.get("read").asLong()).isEqualTo(302);
		assertThat(job.get("imported").asLong()).isEqualTo(300);
		assertThat(job.get("failed").asLong()).isEqualTo(2);
		assertThat(job.get("failures").get(0).get("line").asLong()).isEqualTo(33);
		assertThat(job.get("failures").get(0).get("reason").asString()).contains("'x31'", "64-bit integer");
		assertThat(job.get("failures").get(1).get("line").asLong()).isEqualTo(63);
		assertThat(job.get("failures").get(1).get("reason").asString()).contains("expected 6 fields", "got 3");
		assertThat(count("csv_cities")).isEqualTo(300);
		JsonNode quoted = record("/api/csv_cities/10");
		assertThat(quoted.get("name").asString()).isEqualTo("Line one\nline two, with \"quotes\"");
		assertThat(quoted.get("lat").isNumber()).isTrue();
		assertThat(quoted.get("admin1").isString()).isTrue();
		assertThat(record("/api/csv_cities/7").get("name").asString()).isNotEqualTo("replaced by the import");
	}

	@Test
	void jsonArrayImportGeneratesKeys() {
		declare("json_cities", KeyType.STRING);

		JsonNode job = runImport("/api/json_cities/import", MediaType.APPLICATION_JSON, "import/cities.json");

		assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(job.get("read").asLong()).isEqualTo(101);
		assertThat(job.get("imported").asLong()).isEqualTo(100);
		assertThat(job.get("failures").get(0).get("element").asLong()).isEqualTo(21);
		assertThat(job.get("failures").get(0).get("line").isNull()).isTrue();
		assertThat(count("json_cities")).isEqualTo(100);
	}

	@Test
	void longKeysAreGeneratedAfterTheLargest() {
		declare("generated_longs", KeyType.LONG);
		this.client.put().uri("/api/generated_longs/500").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"existing\"}").exchange().expectStatus().isCreated();

		JsonNode job = runImport("/api/generated_longs/import", MediaType.APPLICATION_JSON, "import/cities.json");

		assertThat(job.get("imported").asLong()).isEqualTo(100);
		assertThat(record("/api/generated_longs/501")).isNotNull();
		assertThat(record("/api/generated_longs/600")).isNotNull();
		assertThat(count("generated_longs")).isEqualTo(101);
	}

	@Test
	void keyParameterNamesKeyField() {
		declare("by_name", KeyType.STRING);

		JsonNode job = runImport("/api/by_name/import?key=country", MediaType.APPLICATION_JSON, "import/cities.json");

		assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
		JsonNode list = this.client.get().uri("/api/by_name?limit=1").exchange().expectBody(JsonNode.class)
			.returnResult().getResponseBody();
		JsonNode entry = list.get(0);
		assertThat(entry.get("record").get("country").asString()).isEqualTo(entry.get("key").asString());
	}

	@Test
	void missingKeyFieldFailsRecord() {
		declare("missing_key", KeyType.STRING);

		JsonNode job = runImport("/api/missing_key/import?key=id", MediaType.APPLICATION_JSON, "import/cities.json");

		assertThat(job.get("imported").asLong()).isZero();
		assertThat(job.get("failed").asLong()).isEqualTo(101);
		assertThat(job.get("failures").get(0).get("reason").asString()).contains("Missing key field 'id'");
	}

	@Test
	void malformedJsonArrayFailsJob() {
		declare("broken_array", KeyType.STRING);
		String body = "[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\": oops}]";

		EntityExchangeResult<JsonNode> started = this.client.post().uri("/api/broken_array/import")
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isAccepted()
			.expectBody(JsonNode.class).returnResult();
		JsonNode job = await(started.getResponseHeaders().getLocation().getPath());

		assertThat(job.get("state").asString()).isEqualTo("FAILED");
		assertThat(job.get("error").asString()).contains("Malformed JSON array", "Unexpected character");
		assertThat(count("broken_array")).isEqualTo(job.get("imported").asLong());
	}

	@Test
	void largeBodyIsReadAsItArrives() {
		declare("many_cities", KeyType.LONG);
		StringBuilder body = new StringBuilder();
		long key = 0;
		for (int copy = 0; copy < 5; copy++) {
			for (Map<String, Object> city : Cities.records()) {
				Map<String, Object> record = new LinkedHashMap<>(city);
				record.put("key", ++key);
				body.append(this.json.writeValueAsString(record)).append('\n');
			}
		}
		assertThat(body.length()).as("body larger than the record limit many times over").isGreaterThan(1_000_000);

		EntityExchangeResult<JsonNode> started = this.client.post().uri("/api/many_cities/import")
			.contentType(MediaType.APPLICATION_NDJSON).bodyValue(body.toString()).exchange()
			.expectStatus().isAccepted()
			.expectBody(JsonNode.class).returnResult();
		JsonNode job = await(started.getResponseHeaders().getLocation().getPath());

		assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(job.get("imported").asLong()).isEqualTo(key);
		assertThat(count("many_cities")).isEqualTo(key);
	}

	@Test
	void lineOverRecordLimitFailsJob() {
		declare("long_line", KeyType.STRING);
		String body = "{\"a\":1}\n{\"text\":\"" + "x".repeat(20_000) + "\"}\n";

		EntityExchangeResult<JsonNode> started = this.client.post().uri("/api/long_line/import")
			.contentType(MediaType.APPLICATION_NDJSON).bodyValue(body).exchange()
			.expectStatus().isAccepted()
			.expectBody(JsonNode.class).returnResult();
		JsonNode job = await(started.getResponseHeaders().getLocation().getPath());

		assertThat(job.get("state").asString()).isEqualTo("FAILED");
		assertThat(job.get("error").asString()).contains("longer than 16384 bytes",
				"microlith.api.import.max-record-size");
	}

	@Test
	void unsupportedContentTypeIsRejected() {
		declare("plain", KeyType.STRING);

		this.client.post().uri("/api/plain/import").contentType(MediaType.TEXT_PLAIN).bodyValue("a,b")
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value((detail) -> assertThat((String) detail)
				.contains("'text/plain'", "text/csv"));
	}

	@Test
	void importIntoUnknownTableIsNotFound() {
		this.client.post().uri("/api/nowhere/import").contentType(MediaType.APPLICATION_NDJSON).bodyValue("{}\n")
			.exchange()
			.expectStatus().isNotFound();
	}

	@Test
	void unknownJobIsNotFound() {
		this.client.get().uri("/ops/jobs/no-such-job").exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.detail").value((detail) -> assertThat((String) detail).contains("'no-such-job'"));
	}

	private void declare(String name, KeyType keyType) {
		this.tables.declare(new TableDefinition(name, keyType, List.of(), null, true, "test"));
	}

	private JsonNode runImport(String uri, MediaType type, String resource) {
		EntityExchangeResult<JsonNode> started = this.client.post().uri(uri).contentType(type)
			.body(BodyInserters.fromResource(new ClassPathResource(resource)))
			.exchange()
			.expectStatus().isAccepted()
			.expectBody(JsonNode.class).returnResult();
		String location = started.getResponseHeaders().getLocation().getPath();
		assertThat(location).isEqualTo("/ops/jobs/" + started.getResponseBody().get("id").asString());
		return await(location);
	}

	private JsonNode await(String location) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		JsonNode job;
		do {
			job = this.client.get().uri(location).exchange().expectStatus().isOk().expectBody(JsonNode.class)
				.returnResult().getResponseBody();
		}
		while (job.get("state").asString().equals("RUNNING") && System.nanoTime() < deadline);
		return job;
	}

	private long count(String table) {
		return this.tables.tables().documents(table).count();
	}

	private JsonNode record(String uri) {
		return this.client.get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
			.getResponseBody();
	}

}
