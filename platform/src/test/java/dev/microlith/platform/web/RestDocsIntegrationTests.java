package dev.microlith.platform.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
 * Runs every {@code curl} example of {@code docs/rest.md} with {@link DocumentedExamples},
 * against a node with the {@code cities} table of {@link Cities} whose administrator's
 * password is the documented {@code change-me}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0", "microlith.admin-password=change-me" })
class RestDocsIntegrationTests {

	static final Path DOCUMENT = Path.of("../docs/rest.md");

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
		Cities.load(this.tables, "cities");
		this.tables.declare(new TableDefinition("capitals", KeyType.STRING, List.of(), null, true, "docs"));

		int examples = new DocumentedExamples(this.port).runAll(DOCUMENT);

		assertThat(examples).isGreaterThan(20);
	}

}
