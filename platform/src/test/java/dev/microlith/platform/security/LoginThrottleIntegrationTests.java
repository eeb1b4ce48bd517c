package dev.microlith.platform.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.microlith.platform.testing.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Login throttling at its default of 5 failures: further logins of that user, even with
 * the right password, get 429 with {@code Retry-After}, over HTTP and RSocket, while valid
 * tokens keep working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0", "spring.rsocket.server.address=127.0.0.1",
				"microlith.security.login-failures=5", "microlith.security.login-lockout=10m" })
class LoginThrottleIntegrationTests {

	@TempDir
	static Path directory;

	@Value("${local.server.port}")
	int httpPort;

	@Value("${local.rsocket.server.port}")
	int rsocketPort;

	@Autowired
	RSocketRequester.Builder requesters;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry properties) {
		properties.add("microlith.data-dir", () -> directory.resolve("data").toString());
		properties.add("microlith.components.dir", () -> directory.resolve("deploy").toString());
	}

	@Test
	void repeatedFailuresAreThrottled() throws Exception {
		HttpResponse<String> issued = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/auth/tokens"))
			.header("Authorization", TestCredentials.adminBasic())
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
		String token = JsonMapper.builder().build().readTree(issued.body()).get("token").asString();
		for (int i = 0; i < 5; i++) {
			assertThat(me(TestCredentials.basic("admin", "guess-" + i)).statusCode()).isEqualTo(401);
		}

		HttpResponse<String> throttled = me(TestCredentials.adminBasic());

		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
				(seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 600L));
		assertThat(throttled.body()).contains("Too many failed logins");
		assertThat(me("Bearer " + token).statusCode()).isEqualTo(200);

		RSocketRequester requester = this.requesters
			.setupMetadata(TestCredentials.simpleAuthentication(TestCredentials.ADMIN, TestCredentials.ADMIN_PASSWORD),
					TestCredentials.AUTHENTICATION)
			.dataMimeType(MediaType.APPLICATION_JSON)
			.tcp("127.0.0.1", this.rsocketPort);
		try {
			assertThatThrownBy(() -> requester.route("hub.publish.x").data("{}").retrieveMono(String.class)
				.block(Duration.ofSeconds(20))).hasMessageContaining("Too many failed logins");
		}
		finally {
			requester.dispose();
		}
	}

	private HttpResponse<String> me(String authorization) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/auth/me"))
			.header("Authorization", authorization)
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
