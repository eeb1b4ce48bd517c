package dev.microlith.platform.node;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.microlith.platform.testing.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first administrator, as docs/security.md describes it: the first start creates the
 * user {@code admin} with {@code MICROLITH_ADMIN_PASSWORD}, or with a generated password
 * printed once; later starts keep the stored password.
 */
class AdminPasswordIntegrationTests {

	private static final Duration START = Duration.ofSeconds(60);

	private static final Pattern GENERATED = Pattern.compile("generated password '([^']+)'");

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path work;

	@Test
	void firstStartTakesThePasswordFromTheEnvironment() throws Exception {
		int port = NodeProcess.freePort();
		try (NodeProcess node = start(port, Map.of("MICROLITH_ADMIN_PASSWORD", "chosen-password"))) {
			node.awaitOutput("ready:", START);

			assertThat(node.output()).contains("Created user 'admin' with the password from MICROLITH_ADMIN_PASSWORD")
				.doesNotContain("chosen-password");
			assertThat(status(port, "/ops/node", null)).isEqualTo(401);
			assertThat(status(port, "/ops/node", TestCredentials.basic("admin", "wrong-password"))).isEqualTo(401);
			assertThat(status(port, "/ops/node", TestCredentials.basic("admin", "chosen-password"))).isEqualTo(200);
			stop(node);
		}
		try (NodeProcess node = start(port, Map.of("MICROLITH_ADMIN_PASSWORD", "other-password"))) {
			node.awaitOutput("ready:", START);

			assertThat(node.output()).doesNotContain("Created user 'admin'");
			assertThat(status(port, "/ops/node", TestCredentials.basic("admin", "other-password"))).isEqualTo(401);
			assertThat(status(port, "/ops/node", TestCredentials.basic("admin", "chosen-password"))).isEqualTo(200);
		}
	}

	@Test
	void firstStartWithoutPasswordPrintsAGeneratedOneOnce() throws Exception {
		int port = NodeProcess.freePort();
		String password;
		try (NodeProcess node = start(port, Map.of())) {
			node.awaitOutput("ready:", START);

			Matcher matcher = GENERATED.matcher(node.output());
			assertThat(matcher.find()).as(node.output()).isTrue();
			password = matcher.group(1);
			assertThat(password).hasSizeGreaterThanOrEqualTo(20);
			assertThat(status(port, "/ops/node", TestCredentials.basic("admin", password))).isEqualTo(200);
			stop(node);
		}
		try (NodeProcess node = start(port, Map.of())) {
			node.awaitOutput("ready:", START);

			assertThat(node.output()).doesNotContain("generated password").doesNotContain(password);
			assertThat(status(port, "/ops/node", TestCredentials.basic("admin", password))).isEqualTo(200);
		}
	}

	private NodeProcess start(int port, Map<String, String> environment) throws Exception {
		return NodeProcess.start(this.work, environment, "--server.port=" + port, "--spring.rsocket.server.port=0");
	}

	private static void stop(NodeProcess node) throws InterruptedException {
		node.terminate();
		node.awaitExit(START);
	}

	private int status(int port, String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
