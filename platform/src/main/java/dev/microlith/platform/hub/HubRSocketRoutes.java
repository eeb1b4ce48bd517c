package dev.microlith.platform.hub;

import java.util.List;
import java.util.Map;

import dev.microlith.platform.hub.RSocketRouteRegistry.Registration;
import dev.microlith.platform.hub.RSocketRouteRegistry.RouteHandler;
import dev.microlith.platform.security.Requirement;
import dev.microlith.platform.security.TopicOperation;
import dev.microlith.sdk.hub.Message;
import dev.microlith.sdk.hub.SubscribeOptions;
import dev.microlith.sdk.rsocket.RSocketRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The hub's RSocket routes. The topic or pattern follows the route prefix verbatim, so
 * {@code hub.subscribe.chat/rooms/+} subscribes to {@code chat/rooms/+}. Dots after the
 * prefix belong to the topic.
 * <ul>
 * <li>{@value #PUBLISH}: request-response, or fire-and-forget without the acknowledgement.
 * The data is the JSON payload, the response {@code {"topic":…,"sequence":…}}.</li>
 * <li>{@value #SUBSCRIBE}: request-stream of message envelopes (see {@link HubJson}). The
 * data is empty or a JSON object with the optional fields {@code afterSequence},
 * {@code bufferSize} and {@code overflow}.</li>
 * </ul>
 */
public final class HubRSocketRoutes implements AutoCloseable {

	static final String PUBLISH = "hub.publish.{*topic}";

	static final String SUBSCRIBE = "hub.subscribe.{*topic}";

	private final DefaultHub hub;

	private final ObjectMapper mapper;

	private final List<Registration> registrations;

	/** Registers the hub's routes in {@code registry}; {@link #close()} removes them. */
	public HubRSocketRoutes(DefaultHub hub, DefaultRSocketRouteRegistry registry, ObjectMapper mapper) {
		this.hub = hub;
		this.mapper = mapper;
		this.registrations = List.of(
				registry.registerNodeRoute(PUBLISH, new RouteHandler.RequestResponse(this::publish),
						(variables) -> new Requirement.TopicAccess(variables.get("topic"), TopicOperation.PUBLISH)),
				registry.registerNodeRoute(SUBSCRIBE, new RouteHandler.RequestStream(this::subscribe),
						(variables) -> new Requirement.TopicAccess(variables.get("topic"), TopicOperation.SUBSCRIBE)));
	}

	private Mono<?> publish(RSocketRequest request) {
		String topic = request.routeVariable("topic").orElseThrow();
		byte[] data = ((RoutedRequest) request).dataUnsafe();
		HubJson.requireSingleValue(this.mapper, data, "topic '" + topic + "'");
		Message message = this.hub.publishJson(topic, data, false);
		return Mono.just(Map.of("topic", message.topic(), "sequence", message.sequence()));
	}

	private Flux<?> subscribe(RSocketRequest request) {
		String pattern = request.routeVariable("topic").orElseThrow();
		SubscribeRequest options = readOptions(request, pattern);
		return this.hub.subscribe(pattern, options.toOptions(), options.afterSequenceOrNone())
			.map((message) -> new JsonBytes(HubJson.envelope(message)));
	}

	private SubscribeRequest readOptions(RSocketRequest request, String pattern) {
		byte[] data = ((RoutedRequest) request).dataUnsafe();
		if (data.length == 0) {
			return new SubscribeRequest(null, null, null);
		}
		HubJson.requireSingleValue(this.mapper, data, "subscription to '" + pattern + "'");
		try {
			return request.data(SubscribeRequest.class);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid subscription options for '" + pattern
					+ "': expected {\"afterSequence\": number, \"bufferSize\": number, \"overflow\": \"DROP_OLDEST\" | \"DROP_NEWEST\" | \"FAIL\"}, all optional; "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		this.registrations.forEach(Registration::close);
	}

	/** The optional data of a subscribe request. */
	record SubscribeRequest(Long afterSequence, Integer bufferSize, SubscribeOptions.Overflow overflow) {

		/** The largest buffer a remote subscriber may ask for, so that one client cannot take the heap. */
		static final int MAX_BUFFER_SIZE = 65_536;

		SubscribeOptions toOptions() {
			if (this.bufferSize != null && this.bufferSize > MAX_BUFFER_SIZE) {
				throw new IllegalArgumentException("Invalid bufferSize " + this.bufferSize + ": expected at most "
						+ MAX_BUFFER_SIZE + " messages for a remote subscriber");
			}
			SubscribeOptions defaults = SubscribeOptions.defaults();
			return new SubscribeOptions((this.bufferSize != null) ? this.bufferSize : defaults.bufferSize(),
					(this.overflow != null) ? this.overflow : defaults.overflow());
		}

		long afterSequenceOrNone() {
			return (this.afterSequence != null) ? this.afterSequence : -1;
		}

	}

}
