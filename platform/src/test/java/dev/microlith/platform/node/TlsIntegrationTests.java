package dev.microlith.platform.node;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import io.rsocket.transport.netty.client.TcpClientTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpSslContextSpec;

import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;

import dev.microlith.platform.cli.MicrolithCli;
import dev.microlith.platform.testing.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS on HTTP and RSocket TCP through a Spring Boot SSL bundle, with the self-signed
 * certificate that docs/security.md shows how to make with {@code keytool}, and the CLI
 * trusting it with {@code --cacert}.
 */
class TlsIntegrationTests {

	private static final Duration START = Duration.ofSeconds(60);

	@TempDir
	Path work;

	@Test
	void httpAndRSocketServeTlsWithTheBundle() throws Exception {
		Path keystore = this.work.resolve("node.p12");
		Path certificate = this.work.resolve("node.crt");
		keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
				"-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
				"-keystore", keystore.toString(), "-storepass", "change-it");
		keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", keystore.toString(), "-storepass", "change-it",
				"-file", certificate.toString());
		int httpPort = NodeProcess.freePort();
		int rsocketPort = NodeProcess.freePort();

		try (NodeProcess node = NodeProcess.start(this.work, Map.of("MICROLITH_ADMIN_PASSWORD", "tls-admin-password"),
				"--server.port=" + httpPort, "--spring.rsocket.server.port=" + rsocketPort,
				"--spring.ssl.bundle.jks.node.keystore.location=file:" + keystore,
				"--spring.ssl.bundle.jks.node.keystore.password=change-it",
				"--spring.ssl.bundle.jks.node.keystore.type=PKCS12", "--server.ssl.bundle=node",
				"--spring.rsocket.server.ssl.bundle=node")) {
			node.awaitOutput("ready:", START);

			HttpClient trusting = HttpClient.newBuilder().sslContext(sslContext(certificate)).build();
			HttpResponse<String> response = trusting.send(HttpRequest
				.newBuilder(URI.create("https://127.0.0.1:" + httpPort + "/auth/me"))
				.header("Authorization", TestCredentials.basic("admin", "tls-admin-password"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"user\":\"admin\"");

			assertThatThrownBy(() -> HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.discarding()))
				.isInstanceOf(SSLHandshakeException.class);

			String[] status = { "status", "--url", "https://127.0.0.1:" + httpPort, "--user", "admin", "--password",
					"tls-admin-password" };
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();
			assertThat(MicrolithCli.run(status, new PrintWriter(out, true), new PrintWriter(err, true))).isEqualTo(1);
			assertThat(err.toString()).contains("TLS handshake with https://127.0.0.1:" + httpPort + " failed",
					"--cacert FILE");
			String[] withCertificate = Arrays.copyOf(status, status.length + 2);
			withCertificate[status.length] = "--cacert";
			withCertificate[status.length + 1] = certificate.toString();
			assertThat(MicrolithCli.run(withCertificate, new PrintWriter(out, true), new PrintWriter(err, true)))
				.as(err.toString())
				.isZero();

			TcpClient tcp = TcpClient.create()
				.host("127.0.0.1")
				.port(rsocketPort)
				.secure((spec) -> spec.sslContext(TcpSslContextSpec.forClient()
					.configure((builder) -> builder.trustManager(certificate.toFile()))));
			RSocketRequester requester = RSocketRequester.builder()
				.rsocketStrategies(RSocketStrategies.builder()
					.encoders((encoders) -> encoders.add(new JacksonJsonEncoder()))
					.decoders((decoders) -> decoders.add(new JacksonJsonDecoder()))
					.build())
				.dataMimeType(MediaType.APPLICATION_JSON)
				.setupMetadata(TestCredentials.simpleAuthentication("admin", "tls-admin-password"),
						TestCredentials.AUTHENTICATION)
				.transport(TcpClientTransport.create(tcp));
			try {
				Map<?, ?> published = requester.route("hub.publish.tls/check")
					.data(Map.of("over", "tls"))
					.retrieveMono(Map.class)
					.block(Duration.ofSeconds(20));
				assertThat(published.get("topic")).isEqualTo("tls/check");
			}
			finally {
				requester.dispose();
			}
		}
	}

	private static SSLContext sslContext(Path certificate) throws Exception {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(certificate)) {
			trusted.setCertificateEntry("node",
					(X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private static void keytool(String... args) throws Exception {
		List<String> command = new java.util.ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
