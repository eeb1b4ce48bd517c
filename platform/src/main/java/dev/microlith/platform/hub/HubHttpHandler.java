package dev.microlith.platform.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.microlith.sdk.hub.Message;
import dev.microlith.sdk.hub.SubscribeOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The hub over HTTP: {@code GET /hub/{topic}} streams messages as Server-Sent Events and
 * {@code POST /hub/{topic}} publishes a JSON body.
 * <p>
 * Each event's {@code id} is the message's sequence and its data the message envelope (see
 * {@link HubJson}). A client that reconnects with {@code Last-Event-ID} first gets the
 * messages after that sequence that the topic's history still has. A comment line is
 * sent every {@code microlith.hub.sse-heartbeat} so that idle connections stay open and
 * closed ones are noticed. Bad input gets an RFC 9457 problem response.
 */
final class HubHttpHandler {

	static final String PATH = "/hub/{*topic}";

	private static final ServerSentEvent<String> END = ServerSentEvent.<String>builder().comment("end").build();

	private final DefaultHub hub;

	private final ObjectMapper mapper;

	private final int maxPayloadBytes;

	private final Duration heartbeat;

	HubHttpHandler(DefaultHub hub, ObjectMapper mapper, int maxPayloadBytes, Duration heartbeat) {
		this.hub = hub;
		this.mapper = mapper;
		this.maxPayloadBytes = maxPayloadBytes;
		this.heartbeat = heartbeat;
	}

	/** Streams the messages of a topic or pattern as Server-Sent Events. */
	Mono<ServerResponse> stream(ServerRequest request) {
		if (!acceptsEventStream(request.headers().accept())) {
			return problem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable", request,
					"GET /hub/{topic} streams Server-Sent Events only; send 'Accept: text/event-stream'");
		}
		String pattern = topic(request);
		Flux<Message> messages;
		try {
			messages = this.hub.subscribe(pattern, SubscribeOptions.defaults(), lastEventId(request));
		}
		catch (IllegalArgumentException ex) {
			return problem(HttpStatus.BAD_REQUEST, "Invalid subscription", request, ex.getMessage());
		}
		// The end marker stops the heartbeats once the subscription completes.
		Flux<ServerSentEvent<String>> events = messages.map(HubHttpHandler::toEvent).concatWith(Mono.just(END));
		Flux<ServerSentEvent<String>> heartbeats = Flux.interval(this.heartbeat)
			.map((tick) -> ServerSentEvent.<String>builder().comment("heartbeat").build());
		// A first comment sends the response headers at once, so clients see the stream open.
		Flux<ServerSentEvent<String>> stream = Flux.merge(events, heartbeats)
			.takeWhile((event) -> event != END)
			.startWith(ServerSentEvent.<String>builder().comment("connected").build());
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.body(BodyInserters.fromServerSentEvents(stream));
	}

	/** Publishes the JSON body to the topic; {@code ?retain=true} keeps it as the retained message. */
	Mono<ServerResponse> publish(ServerRequest request) {
		String topic = topic(request);
		String retain = request.queryParam("retain").orElse("false");
		if (!retain.equals("true") && !retain.equals("false")) {
			return problem(HttpStatus.BAD_REQUEST, "Invalid parameter", request,
					"Invalid value '" + retain + "' for 'retain': expected true or false");
		}
		return readBody(request).flatMap((body) -> {
			try {
				HubJson.requireSingleValue(this.mapper, body, "topic '" + topic + "'");
				Message message = this.hub.publishJson(topic, body, Boolean.parseBoolean(retain));
				return ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("topic", message.topic(), "sequence", message.sequence()));
			}
			catch (IllegalArgumentException ex) {
				return problem(HttpStatus.BAD_REQUEST, "Invalid message", request, ex.getMessage());
			}
		}).onErrorResume(DataBufferLimitException.class, (ex) -> problem(HttpStatus.CONTENT_TOO_LARGE,
				"Payload too large", request, "Body for topic '" + topic + "' is over the maximum of "
						+ this.maxPayloadBytes + " bytes (microlith.hub.max-payload-size); send smaller messages or raise the limit"));
	}

	private Mono<byte[]> readBody(ServerRequest request) {
		return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), this.maxPayloadBytes)
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty(new byte[0]);
	}

	private static ServerSentEvent<String> toEvent(Message message) {
		return ServerSentEvent.builder(new String(HubJson.envelope(message), StandardCharsets.UTF_8))
			.id(Long.toString(message.sequence()))
			.event("message")
			.build();
	}

	private static String topic(ServerRequest request) {
		String topic = request.pathVariable("topic");
		return topic.startsWith("/") ? topic.substring(1) : topic;
	}

	private static long lastEventId(ServerRequest request) {
		String value = request.headers().firstHeader("Last-Event-ID");
		if (value == null || value.isBlank()) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Invalid Last-Event-ID '" + value
					+ "': expected the id (a sequence number) of the last event received, or no header", ex);
		}
	}

	private static boolean acceptsEventStream(List<MediaType> accepted) {
		return accepted.isEmpty() || accepted.stream().anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM));
	}

	private static Mono<ServerResponse> problem(HttpStatus status, String title, ServerRequest request, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setInstance(URI.create(request.path()));
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
	}

}
