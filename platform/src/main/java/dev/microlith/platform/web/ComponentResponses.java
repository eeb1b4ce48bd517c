package dev.microlith.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.microlith.platform.component.Deployment;
import dev.microlith.sdk.http.HttpResponse;

/** Writes a component's {@link HttpResponse} to the WebFlux response. */
final class ComponentResponses {

	private static final Logger logger = LoggerFactory.getLogger(ComponentResponses.class);

	private ComponentResponses() {
	}

	static Mono<Void> write(ServerWebExchange exchange, HttpResponse response, Deployment deployment) {
		ServerHttpResponse target = exchange.getResponse();
		target.setStatusCode(HttpStatusCode.valueOf(response.status()));
		for (Map.Entry<String, String> header : response.headers().entrySet()) {
			target.getHeaders().set(header.getKey(), header.getValue());
		}
		if (response.streaming()) {
			return writeEvents(target, response, deployment);
		}
		Object body = response.body();
		if (body == null) {
			return target.setComplete();
		}
		byte[] bytes;
		if (body instanceof byte[] raw) {
			bytes = raw;
			defaultContentType(target, MediaType.APPLICATION_OCTET_STREAM);
		}
		else if (body instanceof CharSequence text) {
			bytes = text.toString().getBytes(StandardCharsets.UTF_8);
			defaultContentType(target, new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
		}
		else {
			bytes = deployment.json().writeValueAsBytes(body);
			defaultContentType(target, MediaType.APPLICATION_JSON);
		}
		target.getHeaders().setContentLength(bytes.length);
		return target.writeWith(Mono.just(target.bufferFactory().wrap(bytes)));
	}

	/** Streams each element as a Server-Sent Event until the publisher ends or the deployment stops. */
	private static Mono<Void> writeEvents(ServerHttpResponse target, HttpResponse response, Deployment deployment) {
		target.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
		target.getHeaders().setCacheControl("no-cache");
		Flux<DataBuffer> events = Flux.from((org.reactivestreams.Publisher<?>) response.body())
			.takeUntilOther(deployment.whenStopped())
			.map(element -> target.bufferFactory().wrap(event(element, deployment)))
			.onErrorResume(ex -> {
				logger.error("Event stream of component '{}' failed; ending the stream", deployment.name(), ex);
				return Flux.empty();
			});
		return target.writeAndFlushWith(events.map(Flux::just));
	}

	private static byte[] event(Object element, Deployment deployment) {
		String data = (element instanceof CharSequence text) ? text.toString()
				: deployment.json().writeValueAsString(element);
		StringBuilder event = new StringBuilder();
		for (String line : data.split("\r\n|\r|\n", -1)) {
			event.append("data:").append(line).append('\n');
		}
		return event.append('\n').toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void defaultContentType(ServerHttpResponse target, MediaType type) {
		if (target.getHeaders().getContentType() == null) {
			target.getHeaders().setContentType(type);
		}
	}

}
