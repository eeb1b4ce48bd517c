package dev.microlith.platform.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import dev.microlith.platform.cache.CacheDefinition.Origin;
import dev.microlith.sdk.cache.Cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Origin-backed caches over a real HTTP origin on a loopback port. The origin's response body and
 * status are set by each test; a clock moved by hand ages the entries.
 */
class SourcedCacheIntegrationTests {

	private static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);

	private static final Duration STALE_WHILE_REVALIDATE = Duration.ofSeconds(30);

	private static final Duration STALE_IF_ERROR = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock();

	private final HttpClient client = HttpClient.newHttpClient();

	private final AtomicInteger requests = new AtomicInteger();

	private volatile String price = "100";

	private volatile int status = 200;

	private volatile CountDownLatch originGate = new CountDownLatch(0);

	private HttpServer origin;

	private CacheService service;

	private Cache<String, String> cache;

	@BeforeEach
	void start() throws IOException {
		this.origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.origin.createContext("/prices/", this::respond);
		this.origin.setExecutor(Executors.newCachedThreadPool());
		this.origin.start();
		this.service = new CacheService(this.directory, new SimpleMeterRegistry(), 2, this.clock);
		CacheDefinition definition = CacheDefinition.heap("prices", String.class, String.class, 100)
			.withTimeToLive(TIME_TO_LIVE)
			.withOrigin(new Origin(STALE_WHILE_REVALIDATE, STALE_IF_ERROR));
		this.service.create("shop", definition, getClass().getClassLoader());
		this.cache = this.service.cache("shop", "prices", String.class, String.class);
	}

	@AfterEach
	void stop() {
		this.service.close();
		this.origin.stop(0);
	}

	@Test
	void freshValueIsServedWithoutOrigin() {
		assertThat(this.cache.getOrLoad("apple", this::fetch)).isEqualTo("100");
		this.price = "200";
		this.clock.advance(TIME_TO_LIVE.minusSeconds(1));

		assertThat(this.cache.getOrLoad("apple", this::fetch)).isEqualTo("100");
		assertThat(this.cache.get("apple")).contains("100");
		assertThat(this.requests).hasValue(1);
	}

	@Test
	void refreshServesStaleValue() {
		this.cache.getOrLoad("apple", this::fetch);
		this.price = "200";
		this.clock.advance(TIME_TO_LIVE.plusSeconds(5));
		this.originGate = new CountDownLatch(1);

		List<String> served = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			served.add(this.cache.getOrLoad("apple", this::fetch));
		}
		this.originGate.countDown();
		awaitNoLoad("apple");

		assertThat(served).containsOnly("100");
		assertThat(this.requests).hasValue(2);
		assertThat(this.cache.get("apple")).contains("200");
	}

	@Test
	void asyncRefreshServesStaleValue() {
		this.cache.getOrLoadAsync("apple", this::fetchAsync).block();
		this.price = "200";
		this.clock.advance(TIME_TO_LIVE.plusSeconds(5));
		this.originGate = new CountDownLatch(1);

		List<String> served = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			served.add(this.cache.getOrLoadAsync("apple", this::fetchAsync).block(Duration.ofSeconds(5)));
		}
		this.originGate.countDown();
		awaitNoLoad("apple");

		assertThat(served).containsOnly("100");
		assertThat(this.requests).hasValue(2);
		assertThat(this.cache.get("apple")).contains("200");
	}

	@Test
	void valueBeyondStaleWhileRevalidateIsLoadedAgain() {
		this.cache.getOrLoad("apple", this::fetch);
		this.price = "200";
		this.clock.advance(TIME_TO_LIVE.plus(STALE_WHILE_REVALIDATE).plusSeconds(1));

		assertThat(this.cache.getOrLoad("apple", this::fetch)).isEqualTo("200");
		assertThat(this.requests).hasValue(2);
	}

	@Test
	void staleValueIsServedWhenOriginFails() {
		this.cache.getOrLoad("apple", this::fetch);
		this.status = 503;
		this.clock.advance(TIME_TO_LIVE.plus(STALE_WHILE_REVALIDATE).plusSeconds(1));

		assertThat(this.cache.getOrLoad("apple", this::fetch)).isEqualTo("100");
		assertThat(this.cache.getOrLoadAsync("apple", this::fetchAsync).block()).isEqualTo("100");
		assertThat(this.requests).hasValue(3);
	}

	@Test
	void originErrorReachesCallerAfterStaleIfError() {
		this.cache.getOrLoad("apple", this::fetch);
		this.status = 503;
		this.clock.advance(TIME_TO_LIVE.plus(STALE_IF_ERROR).plusSeconds(1));

		assertThatIllegalStateException().isThrownBy(() -> this.cache.getOrLoad("apple", this::fetch))
			.withMessageContaining("status 503");
	}

	@Test
	void refreshFinishingAfterWriteDoesNotOverwriteIt() {
		this.cache.getOrLoad("apple", this::fetch);
		this.price = "200";
		this.clock.advance(TIME_TO_LIVE.plusSeconds(5));
		this.originGate = new CountDownLatch(1);

		assertThat(this.cache.getOrLoad("apple", this::fetch)).isEqualTo("100");
		awaitRequests(2);
		this.cache.put("apple", "150");
		this.originGate.countDown();
		awaitNoLoad("apple");

		assertThat(this.cache.get("apple")).contains("150");
	}

	@Test
	void refreshFinishingAfterRemoveDoesNotStoreValue() {
		this.cache.getOrLoad("apple", this::fetch);
		this.clock.advance(TIME_TO_LIVE.plusSeconds(5));
		this.originGate = new CountDownLatch(1);

		this.cache.getOrLoad("apple", this::fetch);
		awaitRequests(2);
		this.cache.remove("apple");
		this.originGate.countDown();
		awaitNoLoad("apple");

		assertThat(this.cache.get("apple")).isEmpty();
	}

	private String fetch(String item) {
		try {
			HttpResponse<String> response = this.client.send(request(item), HttpResponse.BodyHandlers.ofString());
			return bodyOf(response);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Origin request failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Origin request interrupted", ex);
		}
	}

	private Mono<String> fetchAsync(String item) {
		return Mono.fromFuture(() -> this.client.sendAsync(request(item), HttpResponse.BodyHandlers.ofString()))
			.map(SourcedCacheIntegrationTests::bodyOf);
	}

	private HttpRequest request(String item) {
		URI uri = URI.create("http://127.0.0.1:" + this.origin.getAddress().getPort() + "/prices/" + item);
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
	}

	private static String bodyOf(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Origin answered with status " + response.statusCode());
		}
		return response.body();
	}

	private void respond(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try {
			this.originGate.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		byte[] body = this.price.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(this.status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void awaitRequests(int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.requests.get() < count) {
			assertThat(System.nanoTime()).as("origin requests before the deadline").isLessThan(deadline);
			CacheServiceTests.sleep(Duration.ofMillis(5));
		}
	}

	private void awaitNoLoad(String key) {
		ComponentCache<?, ?> loading = (ComponentCache<?, ?>) this.cache;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (loading.isLoading(key)) {
			assertThat(System.nanoTime()).as("load finished before the deadline").isLessThan(deadline);
			CacheServiceTests.sleep(Duration.ofMillis(5));
		}
	}

}
