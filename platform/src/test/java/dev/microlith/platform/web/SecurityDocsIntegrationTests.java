package dev.microlith.platform.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every {@code curl} example of {@code docs/security.md} with
 * {@link DocumentedExamples}, against a fresh node whose administrator's password is the
 * documented {@code change-me} and that has an exported table {@code books}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0", "microlith.admin-password=change-me" })
class SecurityDocsIntegrationTests {

	static final Path DOCUMENT = Path.of("../docs/security.md");

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@Autowired
	TableService tables;

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		registry.add("microlith.data-dir", () -> data.resolve("data").toString());
		registry.add("microlith.components.dir", () -> data.resolve("deploy").toString());
	}

	@Test
	void everyExampleMatchesItsResponse() throws IOException, InterruptedException {
		this.tables.declare(new TableDefinition("books", KeyType.STRING, List.of(), null, true, "docs"));
		this.tables.tables().documents("books").put("dune", Map.of("title", "Dune", "year", 1965)).block();

		int examples = new DocumentedExamples(this.port).runAll(DOCUMENT);

		assertThat(examples).isGreaterThanOrEqualTo(10);
	}

}
