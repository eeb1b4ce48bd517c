package dev.microlith.platform.node;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.rsocket.exceptions.ApplicationErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.messaging.rsocket.RSocketRequester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Starts the executable jar as an operator would, and checks what the operator sees: the
 * ready line, health, and one clear line and a non-zero exit for each start-up failure.
 */
class NodeStartupIntegrationTests {

	private static final Duration START = Duration.ofSeconds(60);

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path work;

	@Test
	void nodeStartsAndReportsHealth() throws Exception {
		int httpPort = NodeProcess.freePort();
		int rsocketPort = NodeProcess.freePort();

		try (NodeProcess node = NodeProcess.start(this.work, Map.of("MICROLITH_ADMIN_PASSWORD", "startup-admin-password"),
				"--server.port=" + httpPort, "--spring.rsocket.server.port=" + rsocketPort)) {
			node.awaitOutput("ready:", START);

			assertThat(node.output()).contains("HTTP port " + httpPort, "RSocket TCP port " + rsocketPort,
					"data directory '" + this.work.resolve("data").toRealPath() + "'",
					"components directory '" + this.work.toRealPath().resolve("deploy") + "'");
			assertThat(get(httpPort, "/actuator/health")).contains("\"status\":\"UP\"");
			assertThat(get(httpPort, "/actuator/health/liveness")).contains("\"status\":\"UP\"");
			assertThat(get(httpPort, "/actuator/health/readiness")).contains("\"status\":\"UP\"");
			assertThat(get(httpPort, "/actuator/info", "admin", "startup-admin-password")).contains("\"build\"",
					"\"artifact\":\"microlith-platform\"");
			assertRSocketAnswers(RSocketRequester.builder().tcp("127.0.0.1", rsocketPort));
			assertRSocketAnswers(RSocketRequester.builder()
				.websocket(URI.create("ws://127.0.0.1:" + httpPort + "/rsocket")));
		}
	}

	@Test
	void environmentVariablesOverrideDefaults() throws Exception {
		Path data = this.work.resolve("elsewhere");

		try (NodeProcess node = NodeProcess.start(this.work,
				Map.of("MICROLITH_DATA_DIR", data.toString(), "SERVER_PORT", "0", "SPRING_RSOCKET_SERVER_PORT", "0"))) {
			node.awaitOutput("ready:", START);

			assertThat(node.output()).contains("data directory '" + data.toRealPath() + "'");
			assertThat(data.resolve(DataDirectory.LOCK_FILE)).exists();
		}
	}

	@Test
	void sigtermShutsDownGracefully() throws Exception {
		try (NodeProcess node = NodeProcess.start(this.work, Map.of(), "--server.port=0",
				"--spring.rsocket.server.port=0")) {
			node.awaitOutput("ready:", START);

			node.terminate();

			assertThat(node.awaitExit(START)).isEqualTo(143);
			assertThat(node.output()).contains("Commencing graceful shutdown");
			assertThat(node.errorLines()).isEmpty();
		}
		try (DataDirectory reopened = DataDirectory.open(this.work.resolve("data"))) {
			assertThat(reopened.path()).exists();
		}
	}

	@Test
	void httpPortInUseFailsWithOneLine() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			assertStartFails(List.of("--server.port=" + taken.getLocalPort(), "--spring.rsocket.server.port=0"),
					"Port " + taken.getLocalPort() + " was already in use");
		}
	}

	@Test
	void rsocketPortInUseFailsWithOneLine() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			assertStartFails(List.of("--server.port=0", "--spring.rsocket.server.port=" + taken.getLocalPort()),
					"RSocket TCP port " + taken.getLocalPort() + " on 127.0.0.1 could not be bound");
		}
	}

	@Test
	void lockedDataDirectoryFails() throws Exception {
		try (NodeProcess first = NodeProcess.start(this.work, Map.of(), "--server.port=0",
				"--spring.rsocket.server.port=0")) {
			first.awaitOutput("ready:", START);

			assertStartFails(List.of("--server.port=0", "--spring.rsocket.server.port=0"),
					"is in use by another running node (process ");
			assertThat(first.output()).doesNotContain(" ERROR ");
		}
	}

	@Test
	void fileAsDataDirectoryFails() throws Exception {
		Path file = Files.writeString(this.work.resolve("data-file"), "keep me");

		assertStartFails(List.of("--server.port=0", "--spring.rsocket.server.port=0", "--microlith.data-dir=" + file),
				"Cannot create data directory '" + file.toRealPath() + "'");
		assertThat(Files.readString(file)).isEqualTo("keep me");
	}

	@Test
	void unknownPropertyFailsWithOneLine() throws Exception {
		assertStartFails(List.of("--server.port=0", "--spring.rsocket.server.port=0", "--microlith.data-dri=x"),
				"Unknown configuration 'microlith.data-dri'");
	}

	@Test
	void invalidPropertyValueFailsWithOneLine() throws Exception {
		assertStartFails(List.of("--server.port=0", "--spring.rsocket.server.port=0",
				"--microlith.components.start-timeout=soon"), "microlith.components.start-timeout");
	}

	private void assertStartFails(List<String> args, String expected) throws Exception {
		try (NodeProcess node = NodeProcess.start(this.work, Map.of(), args.toArray(String[]::new))) {
			int exitCode = node.awaitExit(START);

			assertThat(exitCode).as("exit code").isNotZero();
			assertThat(node.errorLines()).as("error lines").hasSize(1);
			assertThat(node.errorLines().get(0)).contains("Microlith failed to start: ", expected, "Action: ");
			assertThat(node.output()).as("no stack trace").doesNotContain("\tat ");
		}
	}

	/** Checks that an unknown route gets an RSocket error frame, which shows the transport and router work. */
	private static void assertRSocketAnswers(RSocketRequester requester) {
		try {
			Mono<String> reply = requester.route("no.such.route").data("ping").retrieveMono(String.class);

			assertThatExceptionOfType(ApplicationErrorException.class)
				.isThrownBy(() -> reply.block(Duration.ofSeconds(10)));
		}
		finally {
			requester.dispose();
		}
	}

	private String get(int port, String path) throws IOException, InterruptedException {
		return get(port, path, null, null);
	}

	private String get(int port, String path, String user, String password) throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30));
		if (user != null) {
			builder.header("Authorization", "Basic " + java.util.Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		HttpRequest request = builder.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("status of " + path).isEqualTo(200);
		return response.body();
	}

}
