package dev.microlith.platform.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.microlith.platform.testing.NettyLeakDetection;
import dev.microlith.platform.testing.TestCredentials;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NettyLeakDetection.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0", "spring.rsocket.server.address=127.0.0.1",
				"microlith.hub.max-payload-size=64KB" })
class HubIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path directory;

	@Autowired
	DefaultHub hub;

	@Autowired
	RSocketRequester.Builder requesters;

	@Value("${local.rsocket.server.port}")
	int rsocketPort;

	@Value("${local.server.port}")
	int httpPort;

	final List<RSocketRequester> requesterList = new ArrayList<>();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry properties) {
		properties.add("microlith.data-dir", () -> directory.resolve("data").toString());
		properties.add("microlith.components.dir", () -> directory.resolve("deploy").toString());
	}

	@AfterEach
	void subscriptionsAreReleased() {
		this.requesterList.forEach(RSocketRequester::dispose);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.hub.activeSubscriberCount()).isZero());
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void rsocketSubscriberSeesPublishedMessagesInOrder(String transport) {
		RSocketRequester requester = connect(transport);
		Flux<Map> messages = requester.route("hub.subscribe.{topic}", "chat/#").retrieveFlux(Map.class);

		StepVerifier.create(messages.take(3))
			.then(() -> awaitSubscribers(1))
			.then(() -> {
				Map<?, ?> ack = requester.route("hub.publish.{topic}", "chat/rooms/1.a").data(Map.of("text", "one"))
					.retrieveMono(Map.class).block(TIMEOUT);
				assertThat(ack.get("topic")).isEqualTo("chat/rooms/1.a");
				requester.route("hub.publish.{topic}", "chat/rooms/2").data(Map.of("text", "two")).send().block(TIMEOUT);
				// Frames of one connection are handled in order, so the fire-and-forget above lands first.
				requester.route("hub.publish.{topic}", "chat").data(Map.of("text", "three")).retrieveMono(Map.class)
					.block(TIMEOUT);
			})
			.assertNext((message) -> {
				assertThat(message.get("topic")).isEqualTo("chat/rooms/1.a");
				assertThat(message.get("payload")).isEqualTo(Map.of("text", "one"));
				assertThat(message.get("retained")).isEqualTo(false);
			})
			.assertNext((message) -> assertThat(message.get("payload")).isEqualTo(Map.of("text", "two")))
			.assertNext((message) -> assertThat(message.get("payload")).isEqualTo(Map.of("text", "three")))
			.verifyComplete();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void rsocketSubscriptionHonoursRequestN(String transport) {
		RSocketRequester requester = connect(transport);

		StepVerifier.create(requester.route("hub.subscribe.{topic}", "load").retrieveFlux(Map.class), 0)
			.thenRequest(2)
			.then(() -> awaitSubscribers(1))
			.then(() -> {
				for (int i = 0; i < 10; i++) {
					this.hub.publish("load", Map.of("n", i));
				}
			})
			.assertNext((message) -> assertThat(message.get("payload")).isEqualTo(Map.of("n", 0)))
			.assertNext((message) -> assertThat(message.get("payload")).isEqualTo(Map.of("n", 1)))
			.expectNoEvent(Duration.ofMillis(300))
			.thenRequest(1)
			.assertNext((message) -> assertThat(message.get("payload")).isEqualTo(Map.of("n", 2)))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void rsocketSubscriberReceivesCbor() {
		RSocketRequester requester = TestCredentials.asAdmin(this.requesters).dataMimeType(MediaType.APPLICATION_CBOR)
			.tcp("127.0.0.1", this.rsocketPort);
		this.requesterList.add(requester);
		this.hub.publishRetained("cbor/status", Map.of("state", "up"));

		Map<?, ?> message = requester.route("hub.subscribe.{topic}", "cbor/status").retrieveFlux(Map.class)
			.blockFirst(TIMEOUT);

		assertThat(message.get("topic")).isEqualTo("cbor/status");
		assertThat(message.get("payload")).isEqualTo(Map.of("state", "up"));
		this.hub.clearRetained("cbor/status");
	}

	@Test
	void rsocketResumesAfterSequence() {
		RSocketRequester requester = connect("tcp");
		long first = this.hub.publishJson("feed", "1".getBytes(), false).sequence();
		this.hub.publishJson("feed", "2".getBytes(), false);

		List<Map> replayed = requester.route("hub.subscribe.{topic}", "feed").data(Map.of("afterSequence", first))
			.retrieveFlux(Map.class).take(1).collectList().block(TIMEOUT);

		assertThat(replayed).extracting((message) -> message.get("payload")).containsExactly(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void rsocketRejectsBadInputAndStaysUsable(String transport) {
		RSocketRequester requester = connect(transport);

		assertThatThrownBy(() -> requester.route("hub.subscribe.{topic}", "chat/#/x").retrieveFlux(Map.class)
			.blockFirst(TIMEOUT)).hasMessageContaining("Invalid topic pattern 'chat/#/x'");
		assertThatThrownBy(() -> requester.route("hub.publish.{topic}", "chat/+").data(Map.of()).retrieveMono(Map.class)
			.block(TIMEOUT)).hasMessageContaining("Invalid topic 'chat/+'");
		assertThatThrownBy(() -> requester.route("hub.publish.{topic}", "chat").data("{\"a\":").retrieveMono(Map.class)
			.block(TIMEOUT)).hasMessageContaining("Invalid JSON payload for topic 'chat'");
		assertThatThrownBy(() -> requester.route("hub.subscribe.{topic}", "chat").data(Map.of("overflow", "SOMETIMES"))
			.retrieveFlux(Map.class).blockFirst(TIMEOUT)).hasMessageContaining("Invalid subscription options for 'chat'");
		assertThatThrownBy(() -> requester.route("hub.subscribe.{topic}", "chat").data(Map.of("bufferSize", 0))
			.retrieveFlux(Map.class).blockFirst(TIMEOUT)).hasMessageContaining("Invalid buffer size 0");

		Map<?, ?> ack = requester.route("hub.publish.{topic}", "chat").data(Map.of("ok", true)).retrieveMono(Map.class)
			.block(TIMEOUT);
		assertThat(ack.get("topic")).isEqualTo("chat");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void rsocketDisconnectReleasesSubscription(String transport) {
		RSocketRequester requester = connect(transport);
		Disposable subscription = requester.route("hub.subscribe.{topic}", "a/#").retrieveFlux(Map.class).subscribe();
		awaitSubscribers(1);

		requester.dispose();

		awaitSubscribers(0);
		subscription.dispose();
	}

	@Test
	void sseStreamsPublishedMessagesWithIds() {
		Flux<ServerSentEvent<String>> events = sse("/hub/news/%23", null);

		StepVerifier.create(events.take(2))
			.then(() -> awaitSubscribers(1))
			.then(() -> {
				ResponseEntity<Map> ack = post("/hub/news/today", "{\"title\":\"first\"}");
				assertThat(ack.getStatusCode()).isEqualTo(HttpStatus.OK);
				post("/hub/news/sports/tonight", "[1,2]");
			})
			.assertNext((event) -> {
				assertThat(event.event()).isEqualTo("message");
				assertThat(event.data()).contains("\"topic\":\"news/today\"").contains("\"payload\":{\"title\":\"first\"}");
				assertThat(Long.parseLong(event.id())).isPositive();
			})
			.assertNext((event) -> assertThat(event.data()).contains("\"payload\":[1,2]"))
			.verifyComplete();
	}

	@Test
	void sseResumesFromLastEventId() {
		long first = this.hub.publishJson("ticker", "1".getBytes(), false).sequence();
		long second = this.hub.publishJson("ticker", "2".getBytes(), false).sequence();
		long third = this.hub.publishJson("ticker", "3".getBytes(), false).sequence();

		List<ServerSentEvent<String>> events = sse("/hub/ticker", Long.toString(first)).take(2).collectList()
			.block(TIMEOUT);

		assertThat(events).extracting(ServerSentEvent::id).containsExactly(Long.toString(second), Long.toString(third));
	}

	@Test
	void sseReconnectContinuesWithoutGap() {
		List<ServerSentEvent<String>> before = collectSse("/hub/orders/%2B", null, 2, () -> {
			post("/hub/orders/1", "1");
			post("/hub/orders/2", "2");
		});
		awaitSubscribers(0);
		post("/hub/orders/3", "3");
		post("/hub/orders/1", "4");

		List<ServerSentEvent<String>> after = collectSse("/hub/orders/%2B", before.get(1).id(), 3,
				() -> post("/hub/orders/2", "5"));

		assertThat(before).extracting(HubIntegrationTests::payload).containsExactly("1", "2");
		assertThat(after).extracting(HubIntegrationTests::payload).containsExactly("3", "4", "5");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void rsocketReconnectContinuesWithoutGap(String transport) throws Exception {
		RSocketRequester first = connect(transport);
		CompletableFuture<List<Map>> firstRun = first.route("hub.subscribe.{topic}", "moves/#").retrieveFlux(Map.class)
			.take(2).collectList().toFuture();
		awaitSubscribers(1);
		this.hub.publish("moves/a", 1);
		this.hub.publish("moves/b", 2);
		List<Map> before = firstRun.get(5, TimeUnit.SECONDS);
		first.dispose();
		awaitSubscribers(0);
		this.hub.publish("moves/a", 3);
		this.hub.publish("moves/b", 4);

		long lastSeen = ((Number) before.get(1).get("sequence")).longValue();
		RSocketRequester second = connect(transport);
		CompletableFuture<List<Map>> secondRun = second.route("hub.subscribe.{topic}", "moves/#")
			.data(Map.of("afterSequence", lastSeen)).retrieveFlux(Map.class).take(3).collectList().toFuture();
		awaitSubscribers(1);
		this.hub.publish("moves/c", 5);
		List<Map> after = secondRun.get(5, TimeUnit.SECONDS);

		assertThat(before).extracting((message) -> message.get("payload")).containsExactly(1, 2);
		assertThat(after).extracting((message) -> message.get("payload")).containsExactly(3, 4, 5);
	}

	@Test
	void sseDisconnectReleasesSubscription() {
		Disposable stream = sse("/hub/quiet", null).subscribe();
		awaitSubscribers(1);

		stream.dispose();

		awaitSubscribers(0);
	}

	@Test
	void httpBadInputGetsProblemDetails() {
		assertProblem(client().get().uri(URI.create(base() + "/hub/a/%23/b")).accept(MediaType.TEXT_EVENT_STREAM),
				HttpStatus.BAD_REQUEST, "Invalid topic pattern 'a/#/b'");
		assertProblem(client().get().uri(URI.create(base() + "/hub/a")).accept(MediaType.TEXT_EVENT_STREAM)
			.header("Last-Event-ID", "yesterday"), HttpStatus.BAD_REQUEST, "Invalid Last-Event-ID 'yesterday'");
		assertProblem(client().get().uri(URI.create(base() + "/hub/a")).accept(MediaType.APPLICATION_JSON),
				HttpStatus.NOT_ACCEPTABLE, "Accept: text/event-stream");
		assertProblem(client().post().uri(URI.create(base() + "/hub/a")).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"a\":"), HttpStatus.BAD_REQUEST, "Invalid JSON payload for topic 'a'");
		assertProblem(client().post().uri(URI.create(base() + "/hub/a/+")).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}"), HttpStatus.BAD_REQUEST, "Invalid topic 'a/+'");
		assertProblem(client().post().uri(URI.create(base() + "/hub/a?retain=maybe")).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}"), HttpStatus.BAD_REQUEST, "Invalid value 'maybe' for 'retain'");
		assertProblem(client().post().uri(URI.create(base() + "/hub/a")).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"" + "x".repeat(70_000) + "\""), HttpStatus.CONTENT_TOO_LARGE, "over the maximum of 65536 bytes");
	}

	@Test
	void httpRetainedMessageReachesNewSubscriber() {
		post("/hub/status/node?retain=true", "{\"state\":\"up\"}");

		ServerSentEvent<String> event = sse("/hub/status/%2B", null).blockFirst(TIMEOUT);

		assertThat(event.data()).contains("\"retained\":true").contains("\"state\":\"up\"");
		this.hub.clearRetained("status/node");
	}

	private void assertProblem(WebClient.RequestHeadersSpec<?> request, HttpStatus status, String detail) {
		ResponseEntity<Map> response = request.exchangeToMono((reply) -> reply.toEntity(Map.class)).block(TIMEOUT);

		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("status")).isEqualTo(status.value());
		assertThat((String) response.getBody().get("detail")).contains(detail);
	}

	private List<ServerSentEvent<String>> collectSse(String path, String lastEventId, int count, Runnable publish) {
		CompletableFuture<List<ServerSentEvent<String>>> events = sse(path, lastEventId).take(count).collectList()
			.toFuture();
		awaitSubscribers(1);
		publish.run();
		return events.orTimeout(5, TimeUnit.SECONDS).join();
	}

	private static String payload(ServerSentEvent<String> event) {
		return JsonMapper.builder().build().readTree(event.data()).get("payload").toString();
	}

	private Flux<ServerSentEvent<String>> sse(String path, String lastEventId) {
		return client().get()
			.uri(URI.create(base() + path))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> {
				if (lastEventId != null) {
					headers.set("Last-Event-ID", lastEventId);
				}
			})
			.retrieve()
			.bodyToFlux(EVENT)
			.filter((event) -> event.data() != null);
	}

	private ResponseEntity<Map> post(String path, String json) {
		return client().post().uri(URI.create(base() + path)).contentType(MediaType.APPLICATION_JSON).bodyValue(json)
			.retrieve().toEntity(Map.class).block(TIMEOUT);
	}

	private WebClient client() {
		return WebClient.builder().defaultHeader("Authorization", TestCredentials.adminBasic()).build();
	}

	private String base() {
		return "http://127.0.0.1:" + this.httpPort;
	}

	private void awaitSubscribers(int count) {
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.hub.activeSubscriberCount()).isEqualTo(count));
	}

	private RSocketRequester connect(String transport) {
		RSocketRequester.Builder builder = TestCredentials.asAdmin(this.requesters).dataMimeType(MediaType.APPLICATION_JSON);
		RSocketRequester requester = "tcp".equals(transport) ? builder.tcp("127.0.0.1", this.rsocketPort)
				: builder.websocket(URI.create("ws://127.0.0.1:" + this.httpPort + RSocketConfiguration.PATH));
		this.requesterList.add(requester);
		return requester;
	}

}
