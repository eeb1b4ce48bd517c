package dev.microlith.platform.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
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
import dev.microlith.platform.testing.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code microlith import} and {@code microlith tables} against a node on a free
 * loopback port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.rsocket.server.port=0" })
class TableCommandsIntegrationTests {

	@TempDir
	static Path data;

	@TempDir
	Path files;

	@LocalServerPort
	int port;

	@Autowired
	TableService tables;

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		registry.add("microlith.data-dir", () -> data.resolve("data").toString());
		registry.add("microlith.components.dir", () -> data.resolve("deploy").toString());
	}

	@Test
	void importWithBadRecordsListsThemAndFails() throws IOException {
		declare("cli_ndjson", KeyType.LONG);
		Path file = copy("import/cities.ndjson", "cities.ndjson");

		int status = run("import", "cli_ndjson", file.toString());

		assertThat(status).isEqualTo(1);
		assertThat(this.out.toString()).contains("Imported 300 of 303 records into cli_ndjson (COMPLETED), 3 failed",
				"line 5: Malformed JSON", "line 50: Invalid record", "line 120: Invalid key");
		assertThat(this.tables.tables().documents("cli_ndjson").count()).isEqualTo(300);
	}

	@Test
	void importOfCleanFileSucceeds() throws IOException {
		declare("cli_clean", KeyType.STRING);
		Path file = this.files.resolve("clean.jsonl");
		Files.writeString(file, "{\"key\":\"a\",\"n\":1}\n{\"key\":\"b\",\"n\":2}\n");

		int status = run("import", "cli_clean", file.toString());

		assertThat(status).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains("Imported 2 of 2 records into cli_clean (COMPLETED), 0 failed");
	}

	@Test
	void importOfCsvWithKeyOption() throws IOException {
		declare("cli_csv", KeyType.STRING);
		Path file = this.files.resolve("people.txt");
		Files.writeString(file, "email,name\nann@example.com,Ann\nbob@example.com,Bob\n");

		int status = run("import", "cli_csv", file.toString(), "--format", "csv", "--key", "email");

		assertThat(status).as(this.err.toString()).isZero();
		assertThat(this.tables.tables().documents("cli_csv").get("bob@example.com")).isPresent();
	}

	@Test
	void importWithUnknownExtensionIsUsageError() throws IOException {
		Path file = this.files.resolve("data.xml");
		Files.writeString(file, "<a/>");

		int status = run("import", "cli_any", file.toString());

		assertThat(status).isEqualTo(2);
		assertThat(this.err.toString()).contains("Unknown format 'xml'", ".ndjson, .jsonl, .json or .csv");
	}

	@Test
	void importIntoUnknownTableNamesIt() throws IOException {
		Path file = this.files.resolve("one.ndjson");
		Files.writeString(file, "{\"n\":1}\n");

		int status = run("import", "nowhere", file.toString());

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("HTTP 404", "'nowhere'");
	}

	@Test
	void importOfMissingFileNamesIt() {
		int status = run("import", "cli_any", this.files.resolve("missing.csv").toString());

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("Cannot read file", "missing.csv");
	}

	@Test
	void tablesListsTables() {
		declare("cli_listed", KeyType.UUID);

		int status = run("tables");

		assertThat(status).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains("NAME", "OWNER", "RECORDS");
		assertThat(this.out.toString().lines().filter((line) -> line.startsWith("cli_listed")).findFirst().orElseThrow())
			.contains("test", "yes", "uuid");
	}

	private void declare(String name, KeyType keyType) {
		this.tables.declare(new TableDefinition(name, keyType, List.of(), null, true, "test"));
	}

	private Path copy(String resource, String name) throws IOException {
		Path file = this.files.resolve(name);
		try (InputStream input = getClass().getClassLoader().getResourceAsStream(resource)) {
			Files.copy(input, file);
		}
		return file;
	}

	private int run(String... args) {
		return MicrolithCli.run(TestCredentials.cliArguments(this.port, args), new PrintWriter(this.out, true),
				new PrintWriter(this.err, true));
	}

}
