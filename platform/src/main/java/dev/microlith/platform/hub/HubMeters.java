package dev.microlith.platform.hub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The hub's meters: messages published, delivered and dropped, tagged with the topic's
 * first level ({@code prefix}), and the number of active subscribers.
 * <p>
 * At most {@value #MAX_PREFIXES} prefixes get their own tag value. Messages on further
 * prefixes are counted under {@value #OTHER}, so that topics built from ids cannot grow the
 * number of time series without bound.
 */
final class HubMeters {

	static final int MAX_PREFIXES = 100;

	static final String OTHER = "_other";

	private final MeterRegistry registry;

	private final Map<String, TopicMeters> byPrefix = new ConcurrentHashMap<>();

	private final AtomicInteger activeSubscribers = new AtomicInteger();

	HubMeters(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("microlith.hub.subscribers.active", this.activeSubscribers, AtomicInteger::get)
			.description("Subscriptions currently open on the hub, in-process and remote")
			.register(registry);
	}

	/** Returns the meters for the prefix of {@code topic}. */
	TopicMeters forTopic(String topic) {
		String prefix = TopicFilter.firstLevel(topic);
		TopicMeters meters = this.byPrefix.get(prefix);
		if (meters != null) {
			return meters;
		}
		if (this.byPrefix.size() >= MAX_PREFIXES) {
			return this.byPrefix.computeIfAbsent(OTHER, this::create);
		}
		return this.byPrefix.computeIfAbsent(prefix, this::create);
	}

	/** Returns the counter of active subscribers. */
	AtomicInteger activeSubscribers() {
		return this.activeSubscribers;
	}

	private TopicMeters create(String prefix) {
		return new TopicMeters(counter("microlith.hub.messages.published", "Messages published", prefix),
				counter("microlith.hub.messages.delivered", "Messages handed to subscribers", prefix),
				counter("microlith.hub.messages.dropped", "Messages dropped because a subscriber's buffer was full", prefix));
	}

	private Counter counter(String name, String description, String prefix) {
		return Counter.builder(name).description(description).tag("prefix", prefix).register(this.registry);
	}

	/** The counters of one topic prefix. */
	record TopicMeters(Counter published, Counter delivered, Counter dropped) {
	}

}
