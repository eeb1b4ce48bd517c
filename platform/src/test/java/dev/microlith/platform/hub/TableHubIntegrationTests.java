package dev.microlith.platform.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.StorageEngine;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.testing.NettyLeakDetection;
import dev.microlith.platform.testing.TestCredentials;
import dev.microlith.sdk.table.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Table changes reach clients through the hub: the RSocket routes {@code tables.*} over
 * TCP and WebSocket, and the hub topics {@code tables/<table>/<key>} over SSE.
 */
@ExtendWith(NettyLeakDetection.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0" })
class TableHubIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path directory;

	@Autowired
	StorageEngine storage;

	@Autowired
	RSocketRequester.Builder requesters;

	@Value("${local.rsocket.server.port}")
	int rsocketPort;

	@Value("${local.server.port}")
	int httpPort;

	private final List<RSocketRequester> opened = new ArrayList<>();

	private Table<Object, Map<String, Object>> stations;

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry properties) {
		properties.add("microlith.data-dir", () -> directory.resolve("data").toString());
		properties.add("microlith.components.dir", () -> directory.resolve("deploy").toString());
	}

	@BeforeEach
	void declareTables() {
		this.storage.declare(new TableDefinition("station", KeyType.STRING, List.of(), null, true, "test"));
		this.storage.declare(new TableDefinition("hidden", KeyType.STRING, List.of(), null, false, "test"));
		this.stations = this.storage.tables().documents("station");
	}

	@AfterEach
	void disconnect() {
		this.opened.forEach(RSocketRequester::dispose);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void changesStreamInOrderAndResume(String transport) {
		RSocketRequester requester = connect(transport);
		long start = this.storage.lastSequence();
		Flux<Map> changes = requester.route("tables.station.changes").data(Map.of("afterSequence", start))
			.retrieveFlux(Map.class);

		put("a-" + transport, 1);
		put("b-" + transport, 2);
		put("c-" + transport, 3);

		List<Map> received = changes.take(3).collectList().block(TIMEOUT);
		assertThat(received).extracting(change -> change.get("key"))
			.containsExactly("a-" + transport, "b-" + transport, "c-" + transport);
		long afterFirst = ((Number) received.get(0).get("sequence")).longValue();
		List<Object> resumed = requester.route("tables.station.changes").data(Map.of("afterSequence", afterFirst))
			.retrieveFlux(Map.class)
			.take(2)
			.map(change -> change.get("key"))
			.collectList()
			.block(TIMEOUT);
		assertThat(resumed).containsExactly("b-" + transport, "c-" + transport);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void getReturnsRecordWithVersion(String transport) {
		put("read-" + transport, 7);

		Map<?, ?> row = connect(transport).route("tables.station.get").data(json("\"read-" + transport + "\""))
			.retrieveMono(Map.class).block(TIMEOUT);

		assertThat(row.get("version")).isEqualTo(1);
		assertThat(((Map<?, ?>) row.get("record")).get("bikes")).isEqualTo(7);
	}

	@Test
	void missingRecordAndHiddenTableGetErrors() {
		RSocketRequester requester = connect("tcp");

		assertThatThrownBy(() -> requester.route("tables.station.get").data(json("\"nope\"")).retrieveMono(Map.class)
			.block(TIMEOUT)).hasMessageContaining("No record with key 'nope' in table 'station'");
		assertThatThrownBy(() -> requester.route("tables.hidden.get").data(json("\"x\"")).retrieveMono(Map.class)
			.block(TIMEOUT)).hasMessageContaining("No exported table 'hidden'");
		assertThatThrownBy(() -> requester.route("tables.station.changes").data(Map.of("afterSequence", -4))
			.retrieveFlux(Map.class).blockFirst(TIMEOUT)).hasMessageContaining("Invalid request for changes");
	}

	@Test
	void hubTopicCarriesEachRecordChange() {
		Flux<Map<String, Object>> events = WebClient.builder().baseUrl("http://127.0.0.1:" + this.httpPort).defaultHeader("Authorization", TestCredentials.adminBasic()).build()
			.get()
			.uri(URI.create("http://127.0.0.1:" + this.httpPort + "/hub/tables/station/sse-1"))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(EVENT)
			.filter(event -> event.data() != null)
			.map(ServerSentEvent::data);
		List<Map<String, Object>> received = new ArrayList<>();
		var subscription = events.subscribe(received::add);
		try {
			org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> {
				put("sse-1", received.size() + 10);
				return !received.isEmpty();
			});
		}
		finally {
			subscription.dispose();
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> payload = (Map<String, Object>) received.get(0).get("payload");
		assertThat(received.get(0).get("topic")).isEqualTo("tables/station/sse-1");
		assertThat(payload.get("table")).isEqualTo("station");
		assertThat(payload.get("key")).isEqualTo("sse-1");
		assertThat(payload).containsKeys("operation", "version", "sequence", "record");
	}

	/** Returns JSON text as bytes, which the requester sends as they are. */
	private static byte[] json(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private void put(String key, int bikes) {
		this.stations.put(key, Map.of("bikes", bikes)).block(TIMEOUT);
	}

	private RSocketRequester connect(String transport) {
		RSocketRequester.Builder builder = TestCredentials.asAdmin(this.requesters).dataMimeType(MediaType.APPLICATION_JSON);
		RSocketRequester requester = "tcp".equals(transport) ? builder.tcp("127.0.0.1", this.rsocketPort)
				: builder.websocket(URI.create("ws://127.0.0.1:" + this.httpPort + RSocketConfiguration.PATH));
		this.opened.add(requester);
		return requester;
	}

}
