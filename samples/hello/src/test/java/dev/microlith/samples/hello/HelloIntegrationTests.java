package dev.microlith.samples.hello;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;

import dev.microlith.platform.MicrolithApplication;
import dev.microlith.platform.cli.MicrolithCli;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deploys the packaged hello jar to a node started in this JVM in each of the three ways
 * (directory copy, operations API, CLI) and calls its HTTP and RSocket routes.
 */
class HelloIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	static Path work;

	private static ConfigurableApplicationContext node;

	private static final String ADMIN_PASSWORD = "hello-admin-password";

	private static int httpPort;

	private static int rsocketPort;

	/**
	 * A connection per request, because reactor-netty 1.3.6 (the node's HTTP server) can
	 * stall a keep-alive request that arrives before the previous exchange has ended.
	 */
	private final HttpClient http = HttpClient.create().keepAlive(false).responseTimeout(TIMEOUT);

	/** The same client, as the administrator that the node's first start creates. */
	private final HttpClient admin = this.http.headers((headers) -> headers.set("Authorization",
			"Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))));

	@BeforeAll
	static void startNode() {
		// Arguments, because they override the node's application.properties (8080 and 7000).
		node = new SpringApplicationBuilder(MicrolithApplication.class).run("--server.port=0",
				"--spring.rsocket.server.port=0", "--microlith.data-dir=" + work.resolve("data"),
				"--microlith.components.dir=" + work.resolve("deploy"), "--microlith.components.scan-interval=200ms",
				"--microlith.component-config.hello.greeting=Bonjour", "--microlith.admin-password=" + ADMIN_PASSWORD);
		httpPort = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
		rsocketPort = Integer.parseInt(node.getEnvironment().getProperty("local.rsocket.server.port"));
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void deployByDirectoryCopy() throws Exception {
		Files.copy(helloJar(), work.resolve("deploy/hello.jar"));

		awaitStatus("/hello/ann", 200);
		assertRoutesAnswer();

		Files.delete(work.resolve("deploy/hello.jar"));
		awaitStatus("/hello/ann", 404);
	}

	@Test
	void deployByOperationsApi() throws Exception {
		Response deployed = send(this.admin.headers(headers -> headers.set("Content-Type", "application/java-archive"))
			.post()
			.uri(uri("/ops/components"))
			.send(ByteBufFlux.fromPath(helloJar())));

		assertThat(deployed.status()).isEqualTo(201);
		assertThat(deployed.body()).contains("\"state\":\"ACTIVE\"");
		assertRoutesAnswer();
		undeploy();
	}

	@Test
	void cliWithoutCredentialsIsRejected() throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int status = MicrolithCli.run(new String[] { "deploy", "--url", "http://127.0.0.1:" + httpPort,
				helloJar().toString() }, new PrintWriter(out, true), new PrintWriter(err, true));

		assertThat(status).isEqualTo(1);
		assertThat(err.toString()).contains("HTTP 401", "Authentication required", "Pass --user and --password");
	}

	@Test
	void deployByCli() throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int status = MicrolithCli.run(new String[] { "deploy", "--url", "http://127.0.0.1:" + httpPort, "--user",
				"admin", "--password", ADMIN_PASSWORD, helloJar().toString() }, new PrintWriter(out, true), new PrintWriter(err, true));

		assertThat(status).as(err.toString()).isZero();
		assertThat(out.toString()).contains("Deployed hello 1.0.0: ACTIVE");
		assertRoutesAnswer();
		undeploy();
	}

	private void assertRoutesAnswer() throws Exception {
		Response response = get("/hello/ann");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"greeting\":\"Bonjour, ann\"}");

		RSocketRequester requester = node.getBean(RSocketRequester.Builder.class)
			.dataMimeType(MediaType.APPLICATION_JSON)
			.tcp("127.0.0.1", rsocketPort);
		try {
			String reply = requester.route("hello.greet").data(Map.of("name", "bob")).retrieveMono(String.class)
				.block(TIMEOUT);
			assertThat(reply).isEqualTo("{\"greeting\":\"Bonjour, bob\"}");
		}
		finally {
			requester.dispose();
		}
	}

	private void undeploy() throws Exception {
		Response response = send(this.admin.delete().uri(uri("/ops/components/hello")));
		assertThat(response.status()).isEqualTo(204);
		assertThat(get("/hello/ann").status()).isEqualTo(404);
	}

	private void awaitStatus(String path, int status) throws Exception {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (get(path).status() != status && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(get(path).status()).isEqualTo(status);
	}

	private Response get(String path) {
		return send(this.http.get().uri(uri(path)));
	}

	private static Response send(HttpClient.ResponseReceiver<?> request) {
		return request
			.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map(text -> new Response(response.status().code(), text)))
			.block(TIMEOUT);
	}

	private static String uri(String path) {
		return "http://127.0.0.1:" + httpPort + path;
	}

	private record Response(int status, String body) {
	}

	private static Path helloJar() {
		Path jar = Path.of(System.getProperty("hello.jar", "target/microlith-sample-hello-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the packaged sample; run it with mvn verify").exists();
		return jar;
	}

}
