package dev.microlith.platform.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;
import dev.microlith.platform.testing.TestCredentials;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Describes tables through the operations API and the OpenAPI document.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.rsocket.server.port=0" })
class TableOperationsIntegrationTests {

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@Autowired
	TableService tables;

	private WebTestClient client;

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		registry.add("microlith.data-dir", () -> data.resolve("data").toString());
		registry.add("microlith.components.dir", () -> data.resolve("deploy").toString());
	}

	@BeforeEach
	void declareTables() {
		this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).defaultHeader("Authorization", TestCredentials.adminBasic()).build();
		this.tables.declare(new TableDefinition("people", KeyType.UUID,
				List.of(new TableDefinition.IndexDefinition("email")), null, true, "crm"));
		this.tables.declare(new TableDefinition("sessions", KeyType.STRING, List.of(), Duration.ofMinutes(30), false,
				"auth"));
		this.tables.tables().documents("sessions").put("s1", Map.of("user", "ann")).block();
	}

	@Test
	void listDescribesEveryTable() {
		JsonNode list = this.client.get().uri("/ops/tables").exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();

		List<JsonNode> own = new java.util.ArrayList<>();
		list.forEach((table) -> {
			if (!table.get("owner").asString().equals("microlith")) {
				own.add(table);
			}
		});
		assertThat(list).hasSize(6);
		assertThat(own).hasSize(2);
		JsonNode people = own.get(0);
		assertThat(people.get("name").asString()).isEqualTo("people");
		assertThat(people.get("owner").asString()).isEqualTo("crm");
		assertThat(people.get("exported").asBoolean()).isTrue();
		assertThat(people.get("keyType").asString()).isEqualTo("uuid");
		assertThat(people.get("indexes").toString()).isEqualTo("[\"email\"]");
		assertThat(people.get("count").asLong()).isZero();
		assertThat(people.get("timeToLive").isNull()).isTrue();
		assertThat(own.get(1).get("name").asString()).isEqualTo("sessions");
	}

	@Test
	void getDescribesOneTable() {
		this.client.get().uri("/ops/tables/sessions").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.exported").isEqualTo(false)
			.jsonPath("$.timeToLive").isEqualTo("PT30M")
			.jsonPath("$.count").isEqualTo(1);
	}

	@Test
	void getUnknownTableIsNotFound() {
		this.client.get().uri("/ops/tables/planets").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value((detail) -> assertThat((String) detail).contains("'planets'"));
	}

	@Test
	void openApiDocumentListsExportedTablesOnly() {
		JsonNode document = this.client.get().uri("/api/openapi.json").exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();

		assertThat(document.get("openapi").asString()).startsWith("3.");
		assertThat(document.get("paths").propertyNames()).containsExactly("/api/people", "/api/people/{key}",
				"/api/people/import");
		JsonNode key = document.get("paths").get("/api/people/{key}").get("get").get("parameters").get(0);
		assertThat(key.get("name").asString()).isEqualTo("key");
		assertThat(key.get("schema").get("format").asString()).isEqualTo("uuid");
		assertThat(document.get("paths").get("/api/people").get("get").get("parameters").toString())
			.contains("\"sort\"", "\"limit\"", "\"offset\"", "\"select\"", "\"count\"");
		assertThat(document.get("components").get("schemas").get("Record").get("type").asString()).isEqualTo("object");
	}

}
