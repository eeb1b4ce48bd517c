package dev.microlith.platform.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;
import dev.microlith.platform.testing.TestCredentials;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams table and record changes as Server-Sent Events, resuming with
 * {@code Last-Event-ID}, on a node that retains only the last 50 changes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.rsocket.server.port=0",
		"microlith.storage.change-log.max-changes=50" })
class TableChangeStreamIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@Autowired
	TableService tables;

	private final JsonMapper json = JsonMapper.builder().build();

	private WebClient client;

	private Table<Object, Map<String, Object>> feed;

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		registry.add("microlith.data-dir", () -> data.resolve("data").toString());
		registry.add("microlith.components.dir", () -> data.resolve("deploy").toString());
	}

	@BeforeEach
	void declareTable() {
		this.client = WebClient.builder().baseUrl("http://127.0.0.1:" + this.port).defaultHeader("Authorization", TestCredentials.adminBasic()).build();
		this.tables.declare(new TableDefinition("feed", KeyType.STRING, List.of(), null, true, "test"));
		this.feed = this.tables.tables().documents("feed");
	}

	@Test
	void tableStreamResumesWithoutGaps() {
		List<Long> sequences = write(10, "a", "b");
		long resumeAfter = sequences.get(3);

		List<ServerSentEvent<String>> events = events("/api/feed", Long.toString(resumeAfter), 6);

		assertThat(events).extracting(ServerSentEvent::id)
			.containsExactlyElementsOf(sequences.subList(4, 10).stream().map(String::valueOf).toList());
		JsonNode first = this.json.readTree(events.get(0).data());
		assertThat(first.get("table").asString()).isEqualTo("feed");
		assertThat(first.get("sequence").asLong()).isEqualTo(sequences.get(4));
		assertThat(first.get("record").get("n").asInt()).isEqualTo(4);
	}

	@Test
	void recordStreamHasOnlyThatRecord() {
		List<Long> sequences = write(8, "c", "d");

		List<ServerSentEvent<String>> events = events("/api/feed/c", Long.toString(sequences.get(0) - 1), 4);

		assertThat(events).extracting(ServerSentEvent::id).containsExactly(String.valueOf(sequences.get(0)),
				String.valueOf(sequences.get(2)), String.valueOf(sequences.get(4)), String.valueOf(sequences.get(6)));
		assertThat(events).allSatisfy((event) -> assertThat(this.json.readTree(event.data()).get("key").asString())
			.isEqualTo("c"));
	}

	@Test
	void streamWithoutLastEventIdDeliversLiveChanges() throws InterruptedException {
		List<ServerSentEvent<String>> received = new ArrayList<>();
		Disposable subscription = stream("/api/feed/live", null).subscribe(received::add);
		Thread.sleep(500);

		Row<Object, Map<String, Object>> row = this.feed.put("live", Map.of("n", 1)).block();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (received.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		subscription.dispose();

		assertThat(received).extracting(ServerSentEvent::id).containsExactly(String.valueOf(row.sequence()));
	}

	@Test
	void deleteIsStreamedWithoutRecord() {
		long before = this.feed.put("gone", Map.of("n", 1)).block().sequence();
		this.feed.delete("gone").block();

		List<ServerSentEvent<String>> events = events("/api/feed/gone", Long.toString(before), 1);

		JsonNode change = this.json.readTree(events.get(0).data());
		assertThat(change.get("operation").asString()).isEqualTo("DELETE");
		assertThat(change.get("record").isNull()).isTrue();
	}

	@Test
	void resumeBeyondRetainedChangesEndsWithErrorEvent() {
		write(60, "e", "f");

		List<ServerSentEvent<String>> events = stream("/api/feed", "1").collectList().block(TIMEOUT);

		assertThat(events).hasSize(1);
		assertThat(events.get(0).event()).isEqualTo("error");
		JsonNode problem = this.json.readTree(events.get(0).data());
		assertThat(problem.get("firstMissedSequence").asLong()).isEqualTo(2);
		assertThat(problem.get("detail").asString()).contains("from sequence 2");
	}

	@Test
	void invalidLastEventIdIsRejected() {
		JsonNode problem = this.client.get().uri("/api/feed").accept(MediaType.TEXT_EVENT_STREAM)
			.header(TableChangeStreams.LAST_EVENT_ID, "yesterday")
			.exchangeToMono((response) -> {
				assertThat(response.statusCode().value()).isEqualTo(400);
				return response.bodyToMono(JsonNode.class);
			})
			.block(TIMEOUT);

		assertThat(problem.get("parameter").asString()).isEqualTo("Last-Event-ID");
		assertThat(problem.get("detail").asString()).contains("'yesterday'");
	}

	private List<Long> write(int count, String even, String odd) {
		List<Long> sequences = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			sequences.add(this.feed.put((i % 2 == 0) ? even : odd, Map.of("n", i)).block().sequence());
		}
		return sequences;
	}

	private List<ServerSentEvent<String>> events(String path, String lastEventId, int count) {
		return stream(path, lastEventId).take(count).collectList().block(TIMEOUT);
	}

	/** Streams the events of {@code path}, leaving out comment lines such as heartbeats. */
	private Flux<ServerSentEvent<String>> stream(String path, String lastEventId) {
		return this.client.get()
			.uri(path)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> {
				if (lastEventId != null) {
					headers.set(TableChangeStreams.LAST_EVENT_ID, lastEventId);
				}
			})
			.retrieve()
			.bodyToFlux(EVENT)
			.filter((event) -> event.data() != null || event.event() != null);
	}

}
