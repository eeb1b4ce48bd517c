package dev.microlith.platform.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.microlith.platform.component.ComponentJarBuilder;
import dev.microlith.platform.hub.DefaultHub;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0", "microlith.components.scan-interval=200ms",
				"microlith.components.drain-timeout=5s" })
class ComponentDeployIntegrationTests {

	@TempDir
	static Path temp;

	@LocalServerPort
	int port;

	@Autowired
	DefaultHub hub;


	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		registry.add("microlith.data-dir", () -> temp.resolve("data").toString());
		registry.add("microlith.components.dir", () -> temp.resolve("deploy").toString());
	}

	@Test
	void deployByOpsApiServesRoutesAndContainsHandlerFailures() throws Exception {
		LoopbackClient.Response deployed = upload(greeter("api-greeter", "1.0", "api-greet"));

		assertThat(deployed.status()).isEqualTo(201);
		assertThat(deployed.body()).contains("\"state\":\"ACTIVE\"");
		assertThat(Files.exists(temp.resolve("deploy/api-greeter.jar"))).isTrue();
		assertThat(get("/api-greet").body()).isEqualTo("hello from 1.0");

		LoopbackClient.Response failed = get("/api-greet/fail");
		assertThat(failed.status()).isEqualTo(500);
		assertThat(failed.contentType()).isEqualTo("application/problem+json");
		assertThat(failed.body()).contains("\"errorId\"").contains("\"component\":\"api-greeter\"");
		assertThat(get("/api-greet").status()).as("component still serving after a failure").isEqualTo(200);

		LoopbackClient.Response status = get("/api-greet/status");
		assertThat(status.status()).isEqualTo(418);
		assertThat(status.body()).contains("teapot here");

		LoopbackClient.Response events = get("/api-greet/events");
		assertThat(events.contentType()).startsWith("text/event-stream");
		assertThat(events.body()).isEqualTo("data:one\n\ndata:{\"n\":2}\n\n");

		LoopbackClient.Response echoed = post("/api-greet/echo", "{\"a\":1}");
		assertThat(echoed.status()).isEqualTo(200);
		assertThat(echoed.body()).isEqualTo("{\"a\":1}");
		LoopbackClient.Response invalid = post("/api-greet/echo", "{not json");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.body()).contains("Invalid JSON body for Map");

		LoopbackClient.Response listed = get("/ops/components/api-greeter");
		assertThat(listed.body()).contains("\"version\":\"1.0\"").contains("\"entryClass\":\"test.Greeter\"");

		LoopbackClient.Response deleted = client().delete("/ops/components/api-greeter");
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(get("/api-greet").status()).isEqualTo(404);
		assertThat(Files.exists(temp.resolve("deploy/api-greeter.jar"))).isFalse();
	}

	@Test
	void invalidUploadIsRejectedAndLeavesNoFiles() throws Exception {
		LoopbackClient.Response response = client().post("/ops/components", "application/java-archive", "not a jar");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.body()).contains("is not a jar");
		assertThat(filesUnder(temp.resolve("data/components/.uploads"))).isEmpty();
	}

	@Test
	void unknownComponentIsNotFound() throws Exception {
		LoopbackClient.Response response = get("/ops/components/nobody");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).contains("No component named 'nobody'");
	}

	@Test
	void deployByDirectoryCopyAndUndeployByRemoval() throws Exception {
		Path jar = greeter("dir-greeter", "1.0", "dir-greet").build(temp.resolve("build/dir-greeter.jar"));
		Path target = temp.resolve("deploy/.dir-greeter.jar");
		Files.copy(jar, target);
		Files.move(target, temp.resolve("deploy/dir-greeter.jar"), StandardCopyOption.ATOMIC_MOVE);

		awaitStatus("/dir-greet", 200);
		assertThat(get("/dir-greet").body()).isEqualTo("hello from 1.0");

		Path second = greeter("dir-greeter", "2.0", "dir-greet").build(temp.resolve("build/dir-greeter-2.jar"));
		Files.copy(second, temp.resolve("deploy/dir-greeter.jar"), StandardCopyOption.REPLACE_EXISTING);
		awaitBody("/dir-greet", "hello from 2.0");

		Files.delete(temp.resolve("deploy/dir-greeter.jar"));
		awaitStatus("/dir-greet", 404);
	}

	@Test
	void tableOwnedByAnotherComponentIsRejected() throws Exception {
		assertThat(upload(tableOwner("owner-a")).status()).isEqualTo(201);

		LoopbackClient.Response rejected = upload(tableOwner("owner-b"));

		assertThat(rejected.status()).isEqualTo(409);
		assertThat(rejected.contentType()).isEqualTo("application/problem+json");
		assertThat(rejected.body()).contains("Component 'owner-b' cannot declare table 'shared_orders'")
			.contains("it belongs to component 'owner-a'");
		assertThat(temp.resolve("deploy/owner-b.jar")).doesNotExist();
		assertThat(get("/ops/components/owner-b").status()).isEqualTo(404);
		assertThat(filesUnder(temp.resolve("data/components/.uploads"))).isEmpty();
	}

	@Test
	void undeployEndsHubSubscriptions() throws Exception {
		int before = this.hub.activeSubscriberCount();
		LoopbackClient.Response deployed = upload(ComponentJarBuilder.component()
			.source("test.Listener", """
					package test;
					public class Listener implements dev.microlith.sdk.Component {
						@Override
						public void start(dev.microlith.sdk.ComponentContext context) {
							context.hub().subscribe("pings/#").subscribe();
						}
					}
					""")
			.descriptor("listener", "1.0", "test.Listener"));
		assertThat(deployed.status()).isEqualTo(201);
		assertThat(this.hub.activeSubscriberCount()).isEqualTo(before + 1);

		assertThat(client().delete("/ops/components/listener").status()).isEqualTo(204);

		for (int attempt = 0; attempt < 50 && this.hub.activeSubscriberCount() > before; attempt++) {
			Thread.sleep(100);
		}
		assertThat(this.hub.activeSubscriberCount()).isEqualTo(before);
	}

	@Test
	void redeployUnderLoadFailsNoRequest() throws Exception {
		assertThat(upload(greeter("loaded", "1", "loaded")).status()).isEqualTo(201);
		LoopbackClient loadClient = client();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger succeeded = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		List<Thread> clients = Stream.generate(() -> new Thread(() -> {
			for (int i = 0; i < 5_000 && running.get(); i++) {
				try {
					LoopbackClient.Response response = loadClient.get("/loaded");
					if (response.status() == 200) {
						succeeded.incrementAndGet();
					}
					else {
						failures.add(response.status() + " " + response.body());
					}
				}
				catch (RuntimeException ex) {
					failures.add(ex.toString());
				}
			}
		})).limit(2).toList();
		clients.forEach(Thread::start);

		for (int version = 2; version <= 6; version++) {
			assertThat(upload(greeter("loaded", String.valueOf(version), "loaded")).status()).isEqualTo(201);
		}
		running.set(false);
		for (Thread client : clients) {
			client.join(30_000);
		}

		assertThat(failures).isEmpty();
		assertThat(succeeded.get()).isPositive();
		assertThat(get("/loaded").body()).isEqualTo("hello from 6");
	}

	@Test
	void redeployWithCachesUnderLoadFailsNoRequest() throws Exception {
		assertThat(upload(cacheUser("cached-loaded", "1", "cached-loaded")).status()).isEqualTo(201);
		LoopbackClient loadClient = client();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger succeeded = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		List<Thread> clients = Stream.generate(() -> new Thread(() -> {
			for (int i = 0; i < 5_000 && running.get(); i++) {
				try {
					String path = "/cached-loaded/key-" + (i % 20) + ((i % 2 == 0) ? "" : "/plain");
					LoopbackClient.Response response = loadClient.get(path);
					if (response.status() == 200) {
						succeeded.incrementAndGet();
					}
					else {
						failures.add(response.status() + " " + response.body());
					}
				}
				catch (RuntimeException ex) {
					failures.add(ex.toString());
				}
			}
		})).limit(2).toList();
		clients.forEach(Thread::start);

		for (int version = 2; version <= 6; version++) {
			assertThat(upload(cacheUser("cached-loaded", String.valueOf(version), "cached-loaded")).status())
				.isEqualTo(201);
		}
		running.set(false);
		for (Thread client : clients) {
			client.join(30_000);
		}

		assertThat(failures).isEmpty();
		assertThat(succeeded.get()).isPositive();
		assertThat(get("/cached-loaded/key-1/plain").body()).isEqualTo("key-1 loaded by 6, read by 6");
		assertThat(get("/cached-loaded/key-1").body()).matches("key-1 loaded by [1-6], read by 6");
	}

	@Test
	void survivingCacheKeepsEntriesAcrossRedeploy() throws Exception {
		assertThat(upload(cacheUser("cached-kept", "1", "cached-kept")).status()).isEqualTo(201);
		assertThat(get("/cached-kept/apple").body()).isEqualTo("apple loaded by 1, read by 1");
		assertThat(get("/cached-kept/apple/plain").body()).isEqualTo("apple loaded by 1, read by 1");

		assertThat(upload(cacheUser("cached-kept", "2", "cached-kept")).status()).isEqualTo(201);

		assertThat(get("/cached-kept/apple").body()).isEqualTo("apple loaded by 1, read by 2");
		assertThat(get("/cached-kept/apple/plain").body()).isEqualTo("apple loaded by 2, read by 2");
		assertThat(get("/cached-kept/pear").body()).isEqualTo("pear loaded by 2, read by 2");
	}

	@Test
	void failedRedeployGivesCachesBackToRunningVersion() throws Exception {
		assertThat(upload(cacheUser("cached-failed", "1", "cached-failed")).status()).isEqualTo(201);
		assertThat(get("/cached-failed/apple").body()).isEqualTo("apple loaded by 1, read by 1");

		LoopbackClient.Response failed = upload(cacheUser("cached-failed", "2-broken", "cached-failed"));

		assertThat(failed.status()).isGreaterThanOrEqualTo(400);
		assertThat(failed.body()).contains("start failed on purpose");
		assertThat(get("/cached-failed/apple").body()).isEqualTo("apple loaded by 1, read by 1");
		assertThat(get("/cached-failed/left-by-broken").body())
			.isEqualTo("left-by-broken loaded by 2-broken, read by 1");
		assertThat(get("/cached-failed/pear/plain").body()).isEqualTo("pear loaded by 1, read by 1");
		assertThat(get("/actuator/caches").body()).contains("cached-failed.kept").contains("cached-failed.plain");
	}

	private ComponentJarBuilder tableOwner(String name) {
		return ComponentJarBuilder.component()
			.source("test.Owner", """
					package test;
					public class Owner implements dev.microlith.sdk.Component {
						@Override
						public void start(dev.microlith.sdk.ComponentContext context) {
						}
					}
					""")
			.descriptor("{\"name\":\"" + name + "\",\"version\":\"1.0\",\"entryClass\":\"test.Owner\","
					+ "\"sdkVersion\":\"1.0\",\"tables\":[{\"name\":\"shared_orders\"}]}");
	}

	private ComponentJarBuilder greeter(String name, String version, String path) {
		return ComponentJarBuilder.component()
			.source("test.Greeter", """
					package test;
					import dev.microlith.sdk.http.HttpResponse;
					import dev.microlith.sdk.http.HttpStatusException;
					import reactor.core.publisher.Mono;
					public class Greeter implements dev.microlith.sdk.Component {
						@Override
						public void start(dev.microlith.sdk.ComponentContext context) {
							context.http()
								.get("/%1$s", request -> Mono.just(HttpResponse.ok("hello from " + context.version())))
								.get("/%1$s/fail", request -> { throw new IllegalStateException("boom"); })
								.get("/%1$s/status", request -> Mono.error(new HttpStatusException(418, "teapot here")))
								.get("/%1$s/events", request -> Mono.just(HttpResponse.events(
										reactor.core.publisher.Flux.just("one", java.util.Map.of("n", 2)))))
								.post("/%1$s/echo", request -> request.bodyAs(java.util.Map.class).map(HttpResponse::ok));
						}
					}
					""".formatted(path))
			.descriptor(name, version, "test.Greeter");
	}

	/**
	 * Builds a component that caches a {@code test.Entry} record per key in a cache that survives
	 * redeploys ({@code GET /<path>/{key}}) and in one that does not
	 * ({@code GET /<path>/{key}/plain}). The body names the version that loaded the entry
	 * and the one that read it; reading it casts to the reading version's class. Its start
	 * takes 200 ms after creating its caches, so that requests reach the old version while
	 * the new one starts. A version ending with {@code -broken} then caches an entry and fails.
	 */
	private ComponentJarBuilder cacheUser(String name, String version, String path) {
		return ComponentJarBuilder.component()
			.source("test.Entry", """
					package test;
					public record Entry(String key, String loadedBy) {
					}
					""")
			.source("test.CacheUser", """
					package test;
					import dev.microlith.sdk.cache.Cache;
					import dev.microlith.sdk.http.HttpResponse;
					import reactor.core.publisher.Mono;
					public class CacheUser implements dev.microlith.sdk.Component {
						@Override
						public void start(dev.microlith.sdk.ComponentContext context) throws Exception {
							Cache<String, Entry> kept = context.cache("kept", String.class, Entry.class);
							Cache<String, Entry> plain = context.cache("plain", String.class, Entry.class);
							context.http()
								.get("/%1$s/{key}", request -> Mono.just(HttpResponse.ok(read(kept, request, context))))
								.get("/%1$s/{key}/plain", request -> Mono.just(HttpResponse.ok(read(plain, request, context))));
							Thread.sleep(200);
							if (context.version().endsWith("-broken")) {
								kept.put("left-by-broken", new Entry("left-by-broken", context.version()));
								throw new IllegalStateException("start failed on purpose");
							}
						}
						private static String read(Cache<String, Entry> cache, dev.microlith.sdk.http.HttpRequest request,
								dev.microlith.sdk.ComponentContext context) {
							String key = request.pathVariable("key").orElseThrow();
							Entry entry = cache.getOrLoad(key, k -> new Entry(k, context.version()));
							return entry.key() + " loaded by " + entry.loadedBy() + ", read by " + context.version();
						}
					}
					""".formatted(path))
			.descriptor("""
					{"name": "%s", "version": "%s", "entryClass": "test.CacheUser", "sdkVersion": "1.0",
					 "caches": [{"name": "kept", "valueType": "test.Entry", "size": 100, "survivesRedeploy": true},
					            {"name": "plain", "valueType": "test.Entry", "size": 100}]}
					""".formatted(name, version));
	}

	private LoopbackClient.Response upload(ComponentJarBuilder builder) throws IOException {
		Path jar = builder.build(Files.createTempFile(temp, "upload", ".jar"));
		return client().post("/ops/components", "application/java-archive", jar);
	}

	private LoopbackClient.Response get(String path) {
		return client().get(path);
	}

	private LoopbackClient.Response post(String path, String json) {
		return client().post(path, "application/json", json);
	}

	private LoopbackClient client() {
		return new LoopbackClient(this.port);
	}

	private void awaitStatus(String path, int status) throws Exception {
		for (int attempt = 0; attempt < 100 && get(path).status() != status; attempt++) {
			Thread.sleep(100);
		}
		assertThat(get(path).status()).isEqualTo(status);
	}

	private void awaitBody(String path, String body) throws Exception {
		for (int attempt = 0; attempt < 100 && !body.equals(get(path).body()); attempt++) {
			Thread.sleep(100);
		}
		assertThat(get(path).body()).isEqualTo(body);
	}

	private static List<Path> filesUnder(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}

}
