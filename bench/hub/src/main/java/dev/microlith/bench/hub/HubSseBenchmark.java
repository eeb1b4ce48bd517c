package dev.microlith.bench.hub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.microlith.platform.hub.DefaultHub;
import dev.microlith.platform.hub.HubHttpHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.Disposable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunctions;

/**
 * Server-Sent Event delivery latency: the time from an in-process publish until a
 * {@code WebClient} subscribed to {@code GET /hub/{topic}} over HTTP on loopback has the
 * event, one message at a time. The node's hub HTTP handler runs on a bare reactor-netty
 * server, without the rest of the node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HubSseBenchmark {

	private static final byte[] PAYLOAD = "{\"sensor\":\"t-1\",\"value\":21.5}".getBytes(StandardCharsets.UTF_8);

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	private DefaultHub hub;

	private DisposableServer server;

	private Disposable subscription;

	private final BlockingQueue<ServerSentEvent<String>> inbox = new ArrayBlockingQueue<>(16);

	@Setup(Level.Trial)
	public void start() {
		this.hub = new DefaultHub(new SimpleMeterRegistry());
		HubHttpHandler handler = new HubHttpHandler(this.hub, JsonMapper.builder().build(), 1024 * 1024,
				Duration.ofSeconds(15));
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(handler.routes())))
			.bindNow();
		this.subscription = WebClient.create("http://127.0.0.1:" + this.server.port())
			.get()
			.uri("/hub/bench/sse")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(EVENT)
			.filter((event) -> event.data() != null)
			.subscribe(this.inbox::add);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.hub.activeSubscriberCount() < 1) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The SSE subscriber did not reach the hub within 10 seconds");
			}
			Thread.onSpinWait();
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.subscription.dispose();
		this.server.disposeNow();
		this.hub.close();
	}

	@Benchmark
	public ServerSentEvent<String> publishToSseSubscriber() throws InterruptedException {
		this.hub.publishJson("bench/sse", PAYLOAD, false);
		return this.inbox.take();
	}

}
