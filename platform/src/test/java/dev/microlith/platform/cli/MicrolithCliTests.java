package dev.microlith.platform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MicrolithCliTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void commandNamesSelectCli() {
		assertThat(MicrolithCli.isCommand(new String[] { "status" })).isTrue();
		assertThat(MicrolithCli.isCommand(new String[] { "--help" })).isTrue();
		assertThat(MicrolithCli.isCommand(new String[] { "--server.port=0" })).isFalse();
		assertThat(MicrolithCli.isCommand(new String[0])).isFalse();
	}

	@Test
	void helpListsCommands() {
		int status = run("--help");

		assertThat(status).isZero();
		assertThat(this.out.toString()).contains("status", "list", "deploy", "undeploy");
	}

	@Test
	void commandHelpShowsItsOptions() {
		int status = run("import", "--help");

		assertThat(status).isZero();
		assertThat(this.out.toString()).contains("TABLE", "FILE", "--url");
	}

	@Test
	void mistypedCommandIsUsageError() {
		int status = run("staus");

		assertThat(status).isEqualTo(2);
		assertThat(this.err.toString()).contains("staus");
	}

	@Test
	void unknownOptionIsUsageError() {
		int status = run("status", "--colour");

		assertThat(status).isEqualTo(2);
		assertThat(this.err.toString()).contains("Unknown option: '--colour'");
	}

	@Test
	void missingArgumentIsUsageError() {
		int status = run("undeploy");

		assertThat(status).isEqualTo(2);
		assertThat(this.err.toString()).contains("Missing required parameter: 'NAME'");
	}

	@Test
	void unreachableNodeFailsWithAdvice() throws IOException {
		int port = closedPort();

		int status = run("status", "--url", "http://127.0.0.1:" + port);

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("Cannot reach the node at http://127.0.0.1:" + port, "--url",
				"MICROLITH_URL");
	}

	@Test
	void invalidUrlIsRejected() {
		int status = run("list", "--url", "ftp://127.0.0.1");

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("Invalid node URL 'ftp://127.0.0.1'");
	}

	@Test
	void unreadableCertificateIsRejected() {
		int status = run("list", "--url", "https://127.0.0.1:1", "--cacert", "no-such.crt");

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("Cannot read certificate file 'no-such.crt' (--cacert)");
	}

	@Test
	void urlWithoutSchemeIsNotEchoed() {
		int status = run("list", "-u", "admin:secret-password");

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("Invalid node URL (a value without http:// or https://)")
			.doesNotContain("secret-password");
	}

	@Test
	void deployOfMissingFileIsRejected() {
		int status = run("deploy", "no-such.jar", "--url", "http://127.0.0.1:1");

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString()).contains("Cannot read component jar", "no-such.jar");
	}

	private int run(String... args) {
		return MicrolithCli.run(args, new PrintWriter(this.out, true), new PrintWriter(this.err, true));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
