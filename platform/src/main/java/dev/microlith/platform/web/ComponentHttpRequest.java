package dev.microlith.platform.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.microlith.sdk.http.HttpRequest;
import dev.microlith.sdk.http.HttpStatusException;

/** The SDK's view of a WebFlux request routed to a component. */
final class ComponentHttpRequest implements HttpRequest {

	private final ServerHttpRequest request;

	private final Map<String, String> pathVariables;

	private final JsonMapper json;

	private final int maxBodyBytes;

	private Mono<byte[]> body;

	ComponentHttpRequest(ServerHttpRequest request, Map<String, String> pathVariables, JsonMapper json,
			int maxBodyBytes) {
		this.request = request;
		this.pathVariables = pathVariables;
		this.json = json;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	public String method() {
		return this.request.getMethod().name();
	}

	@Override
	public String path() {
		return this.request.getPath().pathWithinApplication().value();
	}

	@Override
	public Optional<String> pathVariable(String name) {
		return Optional.ofNullable(this.pathVariables.get(name));
	}

	@Override
	public Optional<String> queryParam(String name) {
		return Optional.ofNullable(this.request.getQueryParams().getFirst(name));
	}

	@Override
	public Map<String, List<String>> queryParams() {
		return this.request.getQueryParams();
	}

	@Override
	public Optional<String> header(String name) {
		return Optional.ofNullable(this.request.getHeaders().getFirst(name));
	}

	@Override
	public synchronized Mono<byte[]> body() {
		if (this.body == null) {
			this.body = DataBufferUtils.join(this.request.getBody(), this.maxBodyBytes)
				.map(buffer -> {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					DataBufferUtils.release(buffer);
					return bytes;
				})
				.onErrorMap(DataBufferLimitException.class, ex -> new HttpStatusException(413,
						"Request body exceeds " + this.maxBodyBytes
								+ " bytes (microlith.components.max-request-body-size)"))
				.cache();
		}
		return this.body;
	}

	@Override
	public <T> Mono<T> bodyAs(Class<T> type) {
		return body().handle((bytes, sink) -> {
			try {
				sink.next(this.json.readValue(bytes, type));
			}
			catch (JacksonException ex) {
				sink.error(new HttpStatusException(400,
						"Invalid JSON body for " + type.getSimpleName() + ": " + ex.getOriginalMessage(), ex));
			}
		});
	}

}
