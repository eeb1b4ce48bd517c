package dev.microlith.platform.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a node's HTTP API for the CLI and turns every failure into a {@link CliException}
 * whose message tells the user what to do: node unreachable, authentication rejected, or the
 * node's problem detail.
 */
class NodeClient {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private final NodeOptions options;

	private final URI base;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	NodeClient(NodeOptions options) {
		this.options = options;
		this.base = options.baseUri();
		HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
		if (options.cacert != null) {
			http.sslContext(trusting(options.cacert));
		}
		this.http = http.build();
	}

	/** Sends a GET and returns the JSON body. */
	JsonNode get(String path) {
		return send(request(path).GET());
	}

	/** Sends a DELETE and returns the JSON body, or a missing node when there is none. */
	JsonNode delete(String path) {
		return send(request(path).DELETE());
	}

	/** Sends {@code method} with {@code body} of {@code contentType} and returns the JSON body. */
	JsonNode send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
		return send(request(path).method(method, body).header("Content-Type", contentType));
	}

	/** Returns the node's base URL, for messages. */
	URI base() {
		return this.base;
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.base.resolve(path)).header("Accept", "application/json");
		String authorization = authorization();
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		return builder;
	}

	private String authorization() {
		if (this.options.token != null && !this.options.token.isBlank()) {
			return "Bearer " + this.options.token;
		}
		if (this.options.user != null && !this.options.user.isBlank()) {
			String password = (this.options.password != null) ? this.options.password : "";
			String credentials = this.options.user + ":" + password;
			return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
		}
		return null;
	}

	private JsonNode send(HttpRequest.Builder builder) {
		HttpRequest request = builder.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (ConnectException | HttpTimeoutException ex) {
			throw new CliException("Cannot reach the node at " + this.base + " (" + describe(ex)
					+ "). Start a node, or point --url (or MICROLITH_URL) at a running one", ex);
		}
		catch (SSLHandshakeException ex) {
			throw new CliException("TLS handshake with " + this.base + " failed (" + describe(ex)
					+ "). If the node's certificate is self-signed, pass it with --cacert FILE (or MICROLITH_CACERT)", ex);
		}
		catch (IOException ex) {
			throw new CliException("Request " + request.method() + " " + request.uri() + " failed: " + describe(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException("Interrupted while waiting for " + request.uri(), ex);
		}
		return handle(request, response);
	}

	/** Returns a TLS context that trusts the PEM certificates in {@code file} only. */
	private static SSLContext trusting(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int index = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trusted.setCertificateEntry("node-" + index++, certificate);
			}
			if (index == 0) {
				throw new CliException("Certificate file '" + file + "' contains no certificate: expected PEM, such as "
						+ "the output of keytool -exportcert -rfc");
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new CliException("Cannot read certificate file '" + file + "' (--cacert): " + describe(ex), ex);
		}
		catch (GeneralSecurityException ex) {
			throw new CliException("Invalid certificate file '" + file + "' (--cacert): " + ex.getMessage()
					+ "; expected PEM, such as the output of keytool -exportcert -rfc", ex);
		}
	}

	private JsonNode handle(HttpRequest request, HttpResponse<String> response) {
		int status = response.statusCode();
		JsonNode body = parse(response.body());
		if (status == 401) {
			throw new CliException(problemMessage(request, status, body) + ". Pass --user and --password, or --token "
					+ "(or MICROLITH_USER and MICROLITH_PASSWORD, or MICROLITH_TOKEN)");
		}
		if (status == 403) {
			throw new CliException(problemMessage(request, status, body) + ". Use a user whose roles allow it");
		}
		if (status >= 400) {
			throw new CliException(problemMessage(request, status, body));
		}
		return body;
	}

	private JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return this.json.missingNode();
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return this.json.getNodeFactory().stringNode(body);
		}
	}

	private static String problemMessage(HttpRequest request, int status, JsonNode body) {
		String detail = body.path("detail").asString("");
		String title = body.path("title").asString("");
		String text = !detail.isEmpty() ? detail : !title.isEmpty() ? title : body.isString() ? body.asString() : "";
		return request.method() + " " + request.uri().getPath() + " failed with HTTP " + status
				+ (text.isEmpty() ? "" : ": " + text);
	}

	private static String describe(Exception ex) {
		if (ex.getMessage() != null) {
			return ex.getMessage();
		}
		return (ex instanceof ConnectException) ? "connection refused" : ex.getClass().getSimpleName();
	}

}
