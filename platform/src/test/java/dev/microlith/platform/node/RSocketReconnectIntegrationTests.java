package dev.microlith.platform.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.util.retry.Retry;

import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;

import dev.microlith.platform.testing.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that reconnects after the node restarts gets a working connection, on the
 * same ports and data directory.
 */
class RSocketReconnectIntegrationTests {

	private static final Map<String, String> ADMIN = Map.of("MICROLITH_ADMIN_PASSWORD", TestCredentials.ADMIN_PASSWORD);

	private static final Duration START = Duration.ofSeconds(60);

	@TempDir
	Path work;

	@Test
	void requesterWorksAgainAfterNodeRestart() throws Exception {
		int httpPort = NodeProcess.freePort();
		int rsocketPort = NodeProcess.freePort();
		String[] args = { "--server.port=" + httpPort, "--spring.rsocket.server.port=" + rsocketPort };
		RSocketRequester requester = RSocketRequester.builder()
			.rsocketStrategies(RSocketStrategies.builder()
				.encoders(encoders -> encoders.add(new JacksonJsonEncoder()))
				.decoders(decoders -> decoders.add(new JacksonJsonDecoder()))
				.build())
			.dataMimeType(MediaType.APPLICATION_JSON)
			.setupMetadata(TestCredentials.simpleAuthentication(TestCredentials.ADMIN, TestCredentials.ADMIN_PASSWORD),
					TestCredentials.AUTHENTICATION)
			.rsocketConnector(connector -> connector.reconnect(Retry.fixedDelay(120, Duration.ofMillis(500))))
			.tcp("127.0.0.1", rsocketPort);
		try {
			try (NodeProcess first = NodeProcess.start(this.work, ADMIN, args)) {
				first.awaitOutput("ready:", START);

				assertThat(publish(requester, "before").get("topic")).isEqualTo("restart/before");

				first.terminate();
				first.awaitExit(START);
			}
			try (NodeProcess second = NodeProcess.start(this.work, ADMIN, args)) {
				second.awaitOutput("ready:", START);

				assertThat(publish(requester, "after").get("topic")).isEqualTo("restart/after");
			}
		}
		finally {
			requester.dispose();
		}
	}

	private static Map<?, ?> publish(RSocketRequester requester, String name) {
		return requester.route("hub.publish.restart/" + name)
			.data(Map.of("name", name))
			.retrieveMono(Map.class)
			.retryWhen(Retry.fixedDelay(20, Duration.ofMillis(500)))
			.block(START);
	}

}
