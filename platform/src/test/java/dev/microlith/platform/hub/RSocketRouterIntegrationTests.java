package dev.microlith.platform.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.microlith.platform.hub.RSocketRouteRegistry.Registration;
import dev.microlith.platform.hub.RSocketRouteRegistry.RouteHandler;
import dev.microlith.platform.security.Requirement;
import dev.microlith.platform.testing.NettyLeakDetection;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketConnector;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.util.ByteBufPayload;
import io.rsocket.util.DefaultPayload;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NettyLeakDetection.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0", "spring.rsocket.server.address=127.0.0.1" })
class RSocketRouterIntegrationTests {

	@TempDir
	static Path directory;

	@Autowired
	DefaultRSocketRouteRegistry registry;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	RSocketRouter router;

	@Autowired
	MeterRegistry meters;

	@Value("${local.rsocket.server.port}")
	int rsocketPort;

	@Value("${local.server.port}")
	int httpPort;

	final List<Registration> registrations = new ArrayList<>();

	final List<RSocketRequester> requesterList = new ArrayList<>();

	final BlockingQueue<String> notes = new ArrayBlockingQueue<>(16);

	final AtomicLong requested = new AtomicLong();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry properties) {
		properties.add("microlith.data-dir", () -> directory.resolve("data").toString());
		properties.add("microlith.components.dir", () -> directory.resolve("deploy").toString());
	}

	@BeforeEach
	void registerRoutes() {
		register("test", "echo.{name}", new RouteHandler.RequestResponse((request) -> Mono.just(Map.of(
				"name", request.routeVariable("name").orElseThrow(), "body", request.data(Map.class)))));
		register("test", "count", new RouteHandler.RequestStream((request) -> Flux.range(1, 1000)
			.doOnRequest(this.requested::addAndGet)));
		register("test", "shout", new RouteHandler.RequestChannel((first, following) -> Flux.concat(Mono.just(first),
				following)
			.map((request) -> request.data(Map.class).get("word").toString().toUpperCase())));
		register("test", "note", new RouteHandler.FireAndForget((request) -> {
			this.notes.add(request.data(Map.class).get("text").toString());
			return Mono.empty();
		}));
		register("test", "broken", new RouteHandler.RequestResponse((request) -> {
			throw new IllegalStateException("handler bug");
		}));
	}

	@AfterEach
	void close() {
		this.registrations.forEach(Registration::close);
		this.requesterList.forEach(RSocketRequester::dispose);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void requestResponseWithRouteVariable(String transport) {
		RSocketRequester requester = connect(transport);

		Map<?, ?> reply = requester.route("echo.{name}", "ada").data(Map.of("n", 1)).retrieveMono(Map.class)
			.block(Duration.ofSeconds(5));

		assertThat(reply.get("name")).isEqualTo("ada");
		assertThat(reply.get("body")).isEqualTo(Map.of("n", 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void requestStreamHonoursRequestN(String transport) throws InterruptedException {
		RSocketRequester requester = connect(transport);

		StepVerifier.create(requester.route("count").data(Map.of()).retrieveFlux(Integer.class), 0)
			.thenRequest(3)
			.expectNext(1, 2, 3)
			.expectNoEvent(Duration.ofMillis(200))
			.thenCancel()
			.verify(Duration.ofSeconds(5));

		assertThat(this.requested.get()).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void requestChannelRoutesEveryElement(String transport) {
		RSocketRequester requester = connect(transport);
		Flux<Map<String, String>> words = Flux.just(Map.of("word", "one"), Map.of("word", "two"), Map.of("word", "three"));

		List<String> replies = requester.route("shout").data(words).retrieveFlux(String.class).collectList()
			.block(Duration.ofSeconds(5));

		assertThat(replies).containsExactly("\"ONE\"", "\"TWO\"", "\"THREE\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void fireAndForgetReachesHandler(String transport) throws InterruptedException {
		RSocketRequester requester = connect(transport);

		requester.route("note").data(Map.of("text", "hello")).send().block(Duration.ofSeconds(5));

		assertThat(this.notes.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void unknownRouteIsNamedAndConnectionStaysUsable(String transport) {
		RSocketRequester requester = connect(transport);
		double rejectedBefore = errorCount("rejected");

		assertThatThrownBy(() -> requester.route("no.such.route").data(Map.of()).retrieveMono(Map.class)
			.block(Duration.ofSeconds(5))).hasMessageContaining("No RSocket route 'no.such.route'");
		assertThat(errorCount("rejected")).isEqualTo(rejectedBefore + 1);

		assertThat(echo(requester, "after").get("name")).isEqualTo("after");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void handlerFailureReportsErrorId(String transport) {
		RSocketRequester requester = connect(transport);
		double failedBefore = errorCount("failed");

		assertThatThrownBy(() -> requester.route("broken").data(Map.of()).retrieveMono(Map.class)
			.block(Duration.ofSeconds(5))).hasMessageContaining("Route 'broken' failed with an internal error")
			.hasMessageContaining("error id '")
			.hasMessageNotContaining("handler bug");
		assertThat(errorCount("failed")).isEqualTo(failedBefore + 1);

		assertThat(echo(requester, "after").get("name")).isEqualTo("after");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void wrongInteractionIsRejected(String transport) {
		RSocketRequester requester = connect(transport);

		assertThatThrownBy(() -> requester.route("count").data(Map.of()).retrieveMono(Map.class)
			.block(Duration.ofSeconds(5))).hasMessageContaining("Route 'count' does not serve request-response")
			.hasMessageContaining("request-stream route");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void invalidJsonIsRejected(String transport) {
		RSocketRequester requester = connect(transport);

		assertThatThrownBy(() -> requester.route("echo.x").data("{not json").retrieveMono(Map.class)
			.block(Duration.ofSeconds(5))).hasMessageContaining("Invalid JSON payload for route 'echo.x'");

		assertThat(echo(requester, "after").get("name")).isEqualTo("after");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void payloadUpToMaximumRoundTrips(String transport) {
		RSocketRequester requester = connect(transport);
		String text = "x".repeat(1024 * 1024 - 64);

		Map<?, ?> reply = requester.route("echo.big").data(Map.of("text", text)).retrieveMono(Map.class)
			.block(Duration.ofSeconds(10));

		assertThat(((Map<?, ?>) reply.get("body")).get("text")).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void payloadOverMaximumIsRejected(String transport) {
		RSocketRequester requester = connect(transport);
		String text = "x".repeat(1024 * 1024);

		assertThatThrownBy(() -> requester.route("echo.big").data(Map.of("text", text)).retrieveMono(Map.class)
			.block(Duration.ofSeconds(10))).hasMessageContaining("Payload of 1048587 bytes for route 'echo.big'")
			.hasMessageContaining("over the maximum of 1048576 bytes");

		assertThat(echo(requester, "after").get("name")).isEqualTo("after");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "websocket" })
	void connectionGaugeFollowsConnections(String transport) {
		// Connections of earlier tests close asynchronously after their requesters are disposed.
		Awaitility.await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.router.connectionCount()).isZero());
		RSocketRequester requester = connect(transport);
		echo(requester, "open");

		assertThat(this.router.connectionCount()).isEqualTo(1);

		requester.dispose();
		Awaitility.await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.router.connectionCount()).isZero());
	}

	@Test
	void missingRoutingMetadataIsRejected() {
		RSocket rsocket = rawConnection();

		assertThatThrownBy(() -> rsocket.requestResponse(DefaultPayload.create("{}")).block(Duration.ofSeconds(5)))
			.hasMessageContaining("Missing routing metadata");

		rsocket.dispose();
	}

	@Test
	void malformedRoutingMetadataIsRejected() {
		RSocket rsocket = rawConnection();
		byte[] garbage = { (byte) 0x85, 0, 0, 9, 1 };

		assertThatThrownBy(() -> rsocket.requestResponse(DefaultPayload.create("{}".getBytes(StandardCharsets.UTF_8), garbage))
			.block(Duration.ofSeconds(5))).hasMessageContaining("Malformed routing metadata");
		assertThat(rsocket.requestResponse(routed("echo.raw")).map((payload) -> {
			String data = payload.getDataUtf8();
			payload.release();
			return data;
		}).block(Duration.ofSeconds(5))).contains("\"name\":\"raw\"");

		rsocket.dispose();
	}

	@Test
	void cborConnectionRoundTrips() {
		RSocketRequester requester = this.requesters.dataMimeType(MediaType.APPLICATION_CBOR)
			.tcp("127.0.0.1", this.rsocketPort);
		this.requesterList.add(requester);

		Map<?, ?> reply = requester.route("echo.{name}", "cbor").data(Map.of("n", 1)).retrieveMono(Map.class)
			.block(Duration.ofSeconds(5));

		assertThat(reply.get("name")).isEqualTo("cbor");
		assertThat(reply.get("body")).isEqualTo(Map.of("n", 1));
	}

	@Test
	void textDataMimeTypeRejectedPerRequest() {
		RSocketRequester requester = this.requesters.dataMimeType(MediaType.TEXT_PLAIN)
			.tcp("127.0.0.1", this.rsocketPort);
		this.requesterList.add(requester);

		assertThatThrownBy(() -> requester.route("echo.x").data("{}").retrieveMono(String.class)
			.block(Duration.ofSeconds(5))).hasMessageContaining("Unsupported data MIME type 'text/plain'")
			.hasMessageContaining("dataMimeType(MediaType.APPLICATION_JSON)");
	}

	private double errorCount(String outcome) {
		return this.meters.get("microlith.rsocket.requests.errors").tag("outcome", outcome).counter().count();
	}

	private Map<?, ?> echo(RSocketRequester requester, String name) {
		return requester.route("echo." + name).data(Map.of()).retrieveMono(Map.class).block(Duration.ofSeconds(5));
	}

	private void register(String owner, String pattern, RouteHandler handler) {
		this.registrations.add(this.registry.register(owner, pattern, handler, (variables) -> Requirement.PUBLIC));
	}

	private RSocketRequester connect(String transport) {
		RSocketRequester.Builder builder = this.requesters.dataMimeType(MediaType.APPLICATION_JSON);
		RSocketRequester requester = "tcp".equals(transport) ? builder.tcp("127.0.0.1", this.rsocketPort)
				: builder.websocket(URI.create("ws://127.0.0.1:" + this.httpPort + RSocketConfiguration.PATH));
		this.requesterList.add(requester);
		return requester;
	}

	private RSocket rawConnection() {
		return RSocketConnector.create()
			.dataMimeType("application/json")
			.metadataMimeType(WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString())
			.connect(TcpClientTransport.create("127.0.0.1", this.rsocketPort))
			.block(Duration.ofSeconds(5));
	}

	private static io.rsocket.Payload routed(String route) {
		ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
		CompositeByteBuf metadata = allocator.compositeBuffer();
		ByteBuf routing = TaggingMetadataCodec.createTaggingContent(allocator, List.of(route));
		CompositeMetadataCodec.encodeAndAddMetadata(metadata, allocator, WellKnownMimeType.MESSAGE_RSOCKET_ROUTING,
				routing);
		return ByteBufPayload.create(allocator.buffer().writeBytes("{}".getBytes(StandardCharsets.UTF_8)), metadata);
	}

}
