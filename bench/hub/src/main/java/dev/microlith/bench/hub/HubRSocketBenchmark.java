package dev.microlith.bench.hub;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.microlith.platform.hub.DefaultHub;
import dev.microlith.platform.hub.DefaultRSocketRouteRegistry;
import dev.microlith.platform.hub.HubRSocketRoutes;
import dev.microlith.platform.hub.RSocketRouter;
import dev.microlith.platform.security.AccessPolicy;
import dev.microlith.platform.security.AuditLog;
import dev.microlith.platform.security.Authenticator;
import dev.microlith.platform.security.SecurityProperties;
import dev.microlith.platform.security.SecurityStore;
import dev.microlith.platform.storage.StorageEngine;
import dev.microlith.platform.storage.StorageProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.core.RSocketServer;
import io.rsocket.frame.decoder.PayloadDecoder;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.MimeType;

/**
 * The hub over RSocket on TCP loopback, with the node's router and hub routes but without
 * the rest of the node. A Spring {@code RSocketRequester} subscribes through
 * {@code hub.subscribe.{topic}}, and messages are published in-process, as a table change
 * or a component would publish them.
 * <ul>
 * <li>{@code changeToSubscriberLatency}: time from an in-process publish until the remote
 * subscriber has the message, one message at a time.</li>
 * <li>{@code streamThroughput}: messages per second delivered to one remote subscriber,
 * publishing {@value #BATCH} at a time and waiting until all have arrived.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HubRSocketBenchmark {

	static final int BATCH = 1000;

	private static final byte[] PAYLOAD = "{\"sensor\":\"t-1\",\"value\":21.5}".getBytes(StandardCharsets.UTF_8);

	private static final String ADMIN_PASSWORD = "bench-admin-password";

	private DefaultHub hub;

	private StorageEngine storage;

	private HubRSocketRoutes routes;

	private CloseableChannel server;

	private RSocketRequester requester;

	private final BlockingQueue<byte[]> latencyInbox = new ArrayBlockingQueue<>(16);

	private volatile long streamed;

	private long expected;

	private Disposable latencySubscription;

	private Disposable streamSubscription;

	@Setup(Level.Trial)
	public void start() {
		JsonMapper mapper = JsonMapper.builder().build();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.hub = new DefaultHub(meters);
		DefaultRSocketRouteRegistry registry = new DefaultRSocketRouteRegistry();
		this.routes = new HubRSocketRoutes(this.hub, registry, mapper);
		// The node's own security path: the requester authenticates as admin in its setup,
		// and each request is checked against its route, as on a running node.
		this.storage = StorageEngine.inMemory(new StorageProperties());
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		SecurityProperties security = new SecurityProperties();
		SecurityStore store = new SecurityStore(this.storage, encoder, security);
		store.initialize(ADMIN_PASSWORD);
		Authenticator authenticator = new Authenticator(store, encoder, security, new AuditLog(this.storage),
				Clock.systemUTC());
		AccessPolicy policy = new AccessPolicy(store, (table) -> Set.of());
		RSocketRouter router = new RSocketRouter(registry, mapper, meters, 1024 * 1024, authenticator, policy);
		this.server = RSocketServer.create(router)
			.payloadDecoder(PayloadDecoder.ZERO_COPY)
			.bind(TcpServerTransport.create("127.0.0.1", 0))
			.block(Duration.ofSeconds(10));
		ByteBuf credentials = AuthMetadataCodec.encodeSimpleMetadata(ByteBufAllocator.DEFAULT, "admin".toCharArray(),
				ADMIN_PASSWORD.toCharArray());
		byte[] setupMetadata = ByteBufUtil.getBytes(credentials);
		credentials.release();
		this.requester = RSocketRequester.builder()
			.setupMetadata(setupMetadata, MimeType.valueOf(WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString()))
			.dataMimeType(MediaType.APPLICATION_JSON)
			.tcp("127.0.0.1", this.server.address().getPort());
		this.latencySubscription = subscribe("bench/latency").subscribe(this.latencyInbox::add);
		this.streamSubscription = this.requester.route("hub.subscribe.{topic}", "bench/stream")
			.data("{\"bufferSize\":" + (2 * BATCH) + "}")
			.retrieveFlux(byte[].class)
			.subscribe((message) -> this.streamed++);
		awaitSubscribers(2);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.latencySubscription.dispose();
		this.streamSubscription.dispose();
		this.requester.dispose();
		this.server.dispose();
		this.routes.close();
		this.hub.close();
		this.storage.close();
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public byte[] changeToSubscriberLatency() throws InterruptedException {
		this.hub.publishJson("bench/latency", PAYLOAD, false);
		return this.latencyInbox.take();
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(BATCH)
	public void streamThroughput() {
		for (int i = 0; i < BATCH; i++) {
			this.hub.publishJson("bench/stream", PAYLOAD, false);
		}
		this.expected += BATCH;
		// Parks instead of spinning, so the waiting thread leaves the cores to the delivery.
		while (this.streamed < this.expected) {
			LockSupport.parkNanos(10_000);
		}
	}

	private reactor.core.publisher.Flux<byte[]> subscribe(String topic) {
		return this.requester.route("hub.subscribe.{topic}", topic).retrieveFlux(byte[].class);
	}

	private void awaitSubscribers(int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.hub.activeSubscriberCount() < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Remote subscribers did not reach the hub within 10 seconds");
			}
			Thread.onSpinWait();
		}
	}

}
