package dev.microlith.platform.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.microlith.platform.component.ComponentJarBuilder;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0", "microlith.components.scan-interval=200ms",
				"microlith.components.drain-timeout=5s" })
class ComponentDeployIntegrationTests {

	@TempDir
	static Path temp;

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		registry.add("microlith.data-dir", () -> temp.resolve("data").toString());
		registry.add("microlith.components.dir", () -> temp.resolve("deploy").toString());
	}

	@Test
	void deployByOpsApiServesRoutesAndContainsHandlerFailures() throws Exception {
		HttpResponse<String> deployed = upload(greeter("api-greeter", "1.0", "api-greet"));

		assertThat(deployed.statusCode()).isEqualTo(201);
		assertThat(deployed.body()).contains("\"state\":\"ACTIVE\"");
		assertThat(Files.exists(temp.resolve("deploy/api-greeter.jar"))).isTrue();
		assertThat(get("/api-greet").body()).isEqualTo("hello from 1.0");

		HttpResponse<String> failed = get("/api-greet/fail");
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(failed.body()).contains("\"errorId\"").contains("\"component\":\"api-greeter\"");
		assertThat(get("/api-greet").statusCode()).as("component still serving after a failure").isEqualTo(200);

		HttpResponse<String> status = get("/api-greet/status");
		assertThat(status.statusCode()).isEqualTo(418);
		assertThat(status.body()).contains("teapot here");

		HttpResponse<String> listed = get("/ops/components/api-greeter");
		assertThat(listed.body()).contains("\"version\":\"1.0\"").contains("\"entryClass\":\"test.Greeter\"");

		HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri("/ops/components/api-greeter")).DELETE());
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(get("/api-greet").statusCode()).isEqualTo(404);
		assertThat(Files.exists(temp.resolve("deploy/api-greeter.jar"))).isFalse();
	}

	@Test
	void invalidUploadIsRejectedAndLeavesNoFiles() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/ops/components"))
			.header("Content-Type", "application/java-archive")
			.POST(HttpRequest.BodyPublishers.ofString("not a jar")));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("is not a jar");
		assertThat(filesUnder(temp.resolve("data/components/.uploads"))).isEmpty();
	}

	@Test
	void unknownComponentIsNotFound() throws Exception {
		HttpResponse<String> response = get("/ops/components/nobody");

		assertThat(response.statusCode()).isEqualTo(404);
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
	void redeployUnderLoadFailsNoRequest() throws Exception {
		assertThat(upload(greeter("loaded", "1", "loaded")).statusCode()).isEqualTo(201);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger succeeded = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		List<Thread> clients = Stream.generate(() -> new Thread(() -> {
			for (int i = 0; i < 20_000 && running.get(); i++) {
				try {
					HttpResponse<String> response = get("/loaded");
					if (response.statusCode() == 200) {
						succeeded.incrementAndGet();
					}
					else {
						failures.add(response.statusCode() + " " + response.body());
					}
				}
				catch (IOException | InterruptedException ex) {
					failures.add(ex.toString());
				}
			}
		})).limit(2).toList();
		clients.forEach(Thread::start);

		for (int version = 2; version <= 6; version++) {
			assertThat(upload(greeter("loaded", String.valueOf(version), "loaded")).statusCode()).isEqualTo(201);
		}
		running.set(false);
		for (Thread client : clients) {
			client.join(30_000);
		}

		assertThat(failures).isEmpty();
		assertThat(succeeded.get()).isPositive();
		assertThat(get("/loaded").body()).isEqualTo("hello from 6");
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
								.get("/%1$s/status", request -> Mono.error(new HttpStatusException(418, "teapot here")));
						}
					}
					""".formatted(path))
			.descriptor(name, version, "test.Greeter");
	}

	private HttpResponse<String> upload(ComponentJarBuilder builder) throws Exception {
		Path jar = builder.build(Files.createTempFile(temp, "upload", ".jar"));
		return send(HttpRequest.newBuilder(uri("/ops/components"))
			.header("Content-Type", "application/java-archive")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofFile(jar)));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private void awaitStatus(String path, int status) throws Exception {
		for (int attempt = 0; attempt < 100 && get(path).statusCode() != status; attempt++) {
			Thread.sleep(100);
		}
		assertThat(get(path).statusCode()).isEqualTo(status);
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
