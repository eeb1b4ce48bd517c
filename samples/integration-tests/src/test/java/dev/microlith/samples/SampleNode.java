package dev.microlith.samples;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node started from the built executable jar as a separate process on free loopback
 * ports, with an empty components directory, as an operator would run it.
 */
final class SampleNode implements AutoCloseable {

	static final Path JARS = Path.of(System.getProperty("e2e.directory", "target/e2e"));

	final int httpPort;

	final int rsocketPort;

	private final Process process;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SampleNode(int httpPort, int rsocketPort, Process process, Path log) {
		this.httpPort = httpPort;
		this.rsocketPort = rsocketPort;
		this.process = process;
		this.log = log;
	}

	/** The password of the user {@code admin} that the node's first start creates. */
	static final String ADMIN_PASSWORD = "samples-admin-password";

	/** Starts a node whose data and components directories are under {@code work}. */
	static SampleNode start(Path work) throws IOException, InterruptedException {
		int httpPort = freePort();
		int rsocketPort = freePort();
		Path log = work.resolve("node.log");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				JARS.resolve("microlith.jar").toAbsolutePath().toString(), "--server.port=" + httpPort,
				"--spring.rsocket.server.port=" + rsocketPort, "--microlith.data-dir=" + work.resolve("data"),
				"--microlith.components.dir=" + Files.createDirectories(work.resolve("deploy")),
				// The cities sample reaches the regions sample over HTTP, on this node's port.
				"--microlith.component-config.cities.regions-url=http://127.0.0.1:" + httpPort + "/regions",
				// NOTE: one request per connection, because reactor-netty 1.3.6 sometimes stops
				// reading a reused keep-alive connection (reactor-netty issue 4361).
				"--server.netty.max-keep-alive-requests=1");
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("MICROLITH_ADMIN_PASSWORD", ADMIN_PASSWORD);
		Process process = builder.directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		SampleNode node = new SampleNode(httpPort, rsocketPort, process, log);
		node.awaitLog("ready:", Duration.ofSeconds(90));
		return node;
	}

	/** Deploys {@code jar} through the operations API and returns the response body. */
	String deploy(String jar) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri("/ops/components"))
			.header("Content-Type", "application/java-archive")
			.header("Authorization", adminAuthorization())
			.POST(HttpRequest.BodyPublishers.ofFile(JARS.resolve(jar)))
			.timeout(Duration.ofSeconds(120))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201 && response.statusCode() != 200) {
			throw new IllegalStateException("Deploy of " + jar + " failed: HTTP " + response.statusCode() + " "
					+ response.body() + "\nNode log:\n" + log());
		}
		return response.body();
	}

	/** Returns the HTTP Basic {@code Authorization} header of the user {@code admin}. */
	static String adminAuthorization() {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Undeploys component {@code name} through the operations API, keeping its jar. */
	void undeploy(String name) throws IOException, InterruptedException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/ops/components/" + name))
			.header("Authorization", adminAuthorization())
			.DELETE());
		if (response.statusCode() != 204 && response.statusCode() != 200) {
			throw new IllegalStateException("Undeploy of " + name + " failed: HTTP " + response.statusCode() + " "
					+ response.body());
		}
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)));
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.httpPort + path);
	}

	String log() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	private void awaitLog(String text, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!log().contains(text)) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Node did not log '" + text + "'. Log:\n" + log());
			}
			Thread.sleep(200);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
