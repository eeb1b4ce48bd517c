package dev.microlith.platform.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.netty.handler.codec.http.HttpMethod;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import dev.microlith.platform.testing.TestCredentials;

/**
 * A small HTTP client for tests against a node on the loopback interface. It sends the
 * test administrator's credentials unless it is given others.
 * <p>
 * It opens a connection per request. NOTE: reactor-netty 1.3.6, the node's HTTP server,
 * can stop reading a keep-alive connection when a request arrives before the previous
 * exchange has fully ended (reactor-netty issue 4361, fixed in a later snapshot), which
 * shows up as a rare request that times out. Keep-alive is off until the fixed version is
 * in Spring Boot's dependency management.
 */
final class LoopbackClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final HttpClient client;

	LoopbackClient(int port) {
		this(port, TestCredentials.adminBasic());
	}

	/**
	 * Creates a client that sends {@code authorization} as the {@code Authorization} header
	 * of every request, or none when it is {@code null}.
	 */
	LoopbackClient(int port, String authorization) {
		HttpClient client = HttpClient.create().keepAlive(false).baseUrl("http://127.0.0.1:" + port).responseTimeout(TIMEOUT);
		this.client = (authorization != null) ? client.headers((headers) -> headers.set("Authorization", authorization))
				: client;
	}

	Response get(String path) {
		return send(HttpMethod.GET, path, null, null);
	}

	Response delete(String path) {
		return send(HttpMethod.DELETE, path, null, null);
	}

	Response post(String path, String contentType, String body) {
		return send(HttpMethod.POST, path, contentType, ByteBufFlux.fromString(reactor.core.publisher.Mono.just(body)));
	}

	Response post(String path, String contentType, Path file) {
		return send(HttpMethod.POST, path, contentType, ByteBufFlux.fromPath(file));
	}

	private Response send(HttpMethod method, String path, String contentType, ByteBufFlux body) {
		HttpClient configured = (contentType != null)
				? this.client.headers(headers -> headers.set("Content-Type", contentType)) : this.client;
		return configured.request(method)
			.uri(path)
			.send((request, outbound) -> (body != null) ? outbound.send(body) : outbound)
			.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map(text -> new Response(response.status().code(), response.responseHeaders().get("Content-Type"),
						text)))
			.block(TIMEOUT);
	}

	/**
	 * A response.
	 * @param status the status code
	 * @param contentType the Content-Type header, or {@code null}
	 * @param body the body as UTF-8 text, empty when there is none
	 */
	record Response(int status, String contentType, String body) {
	}

}
