package dev.microlith.platform.web;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import dev.microlith.platform.testing.TestCredentials;


/**
 * The operations API of caches and the hub against a node on a free port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0" })
class CapabilityOperationsIntegrationTests {

	@TempDir
	static Path directory;

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry properties) {
		properties.add("microlith.data-dir", () -> directory.resolve("data").toString());
		properties.add("microlith.components.dir", () -> directory.resolve("deploy").toString());
	}

	@Test
	void hubReportsSubscribersAndConnections() {
		client().get().uri("/ops/hub").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.activeSubscribers").isNumber()
			.jsonPath("$.rsocketConnections").isNumber()
			.jsonPath("$.lastSequence").isNumber();
	}

	@Test
	void cachesListIsEmptyWithoutComponents() {
		client().get().uri("/ops/caches").exchange().expectStatus().isOk().expectBody().json("[]");
	}

	@Test
	void clearingUnknownCacheIsNotFound() {
		client().delete().uri("/ops/caches/nobody/nothing").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
				.contains("'nothing'", "'nobody'"));
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).defaultHeader("Authorization", TestCredentials.adminBasic()).build();
	}

}
