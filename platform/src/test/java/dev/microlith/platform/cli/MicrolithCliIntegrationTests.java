package dev.microlith.platform.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.microlith.platform.testing.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs CLI commands against a node on a free loopback port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0" })
class MicrolithCliIntegrationTests {

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		registry.add("microlith.data-dir", () -> data.resolve("data").toString());
		registry.add("microlith.components.dir", () -> data.resolve("deploy").toString());
	}

	@Test
	void statusShowsHealthAndDataDirectory() {
		int status = run("status");

		assertThat(status).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains(": UP, version ", "data in " + data.resolve("data").toAbsolutePath());
	}

	@Test
	void statusAsJsonShowsConfiguration() {
		int status = run("status", "--json");

		assertThat(status).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains("\"microlith.data-dir\"", "\"uptimeSeconds\"");
	}

	@Test
	void outputIsFlushedOnReturn() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintWriter buffered = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), false);

		int status = MicrolithCli.run(new String[] { "list", "--url", "http://127.0.0.1:" + this.port, "--user",
				TestCredentials.ADMIN, "--password", TestCredentials.ADMIN_PASSWORD }, buffered,
				new PrintWriter(this.err, true));

		assertThat(status).as(this.err.toString()).isZero();
		assertThat(bytes.toString(StandardCharsets.UTF_8)).isNotBlank();
	}

	@Test
	void backupWritesFileInDataDirectory() {
		int status = run("backup");

		assertThat(status).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains("Backed up the tables at commit sequence ",
				data.resolve("data").resolve("backups").toAbsolutePath().toString(), "microlith restore ");
		assertThat(data.resolve("data").resolve("backups")).isDirectoryContaining("glob:**/tables-*.backup");
	}

	private int run(String... args) {
		return MicrolithCli.run(TestCredentials.cliArguments(this.port, args), new PrintWriter(this.out, true),
				new PrintWriter(this.err, true));
	}

}
