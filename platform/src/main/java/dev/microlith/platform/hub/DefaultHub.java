package dev.microlith.platform.hub;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.microlith.sdk.hub.Hub;
import dev.microlith.sdk.hub.Message;
import dev.microlith.sdk.hub.SubscribeOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node's {@link Hub}: an in-process publish/subscribe broker with retained messages, a
 * bounded history per topic for resuming, and a bounded buffer per subscriber.
 * <p>
 * {@link #publish} and {@link #publishRetained} publish when called and return a completed
 * {@code Mono}, so a caller that ignores the {@code Mono} still publishes.
 * Publishing assigns the next hub-wide sequence and hands the message to every matching
 * subscription under one lock, so every subscriber receives messages in sequence order. The
 * lock covers only appending to buffers. Subscribers are served on the hub's own delivery
 * threads. Sequences start at the node's start time in milliseconds times 1000, so they
 * keep increasing across restarts unless a run averaged more than 1000 messages per
 * millisecond. History and retained messages live in memory only and are lost on restart.
 * <p>
 * Constructible without Spring; {@link #close()} completes every subscription and stops
 * the delivery threads. Thread-safe.
 */
public class DefaultHub implements Hub, AutoCloseable {

	/** Messages kept per topic for resuming, by default. */
	public static final int DEFAULT_HISTORY_SIZE = 256;

	/** Topics whose history is kept, by default; the least recently published is dropped first. */
	public static final int DEFAULT_HISTORY_TOPICS = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(DefaultHub.class);

	private final ObjectMapper mapper;

	private final HubMeters meters;

	private final Scheduler scheduler;

	private final int historySize;

	private final Object lock = new Object();

	// Guarded by lock.
	private long sequence = System.currentTimeMillis() * 1000;

	private final Map<String, List<HubSubscription>> exactSubscriptions = new HashMap<>();

	private final List<HubSubscription> wildcardSubscriptions = new ArrayList<>();

	private final Map<String, HubMessage> retained = new HashMap<>();

	private final LinkedHashMap<String, ArrayDeque<HubMessage>> history;

	/**
	 * Creates a hub with the default history and as many delivery threads as processors.
	 * @param registry where the hub's meters are registered
	 */
	public DefaultHub(MeterRegistry registry) {
		this(JsonMapper.builder().build(), registry, DEFAULT_HISTORY_SIZE, DEFAULT_HISTORY_TOPICS,
				Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Creates a hub.
	 * @param mapper writes published payloads as JSON and reads them back
	 * @param registry where the hub's meters are registered
	 * @param historySize messages kept per topic for resuming, 0 for none
	 * @param historyTopics topics whose history is kept
	 * @param deliveryThreads threads that deliver messages to subscribers
	 */
	public DefaultHub(ObjectMapper mapper, MeterRegistry registry, int historySize, int historyTopics,
			int deliveryThreads) {
		this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
		this.meters = new HubMeters(registry);
		this.historySize = historySize;
		this.history = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<HubMessage>> eldest) {
				return size() > historyTopics;
			}
		};
		this.scheduler = Schedulers.newParallel("microlith-hub", deliveryThreads, true);
	}

	@Override
	public Mono<Void> publish(String topic, Object payload) {
		publishJson(topic, toJson(topic, payload), false);
		return Mono.empty();
	}

	@Override
	public Mono<Void> publishRetained(String topic, Object payload) {
		if (payload == null) {
			clearRetained(topic);
		}
		else {
			publishJson(topic, toJson(topic, payload), true);
		}
		return Mono.empty();
	}

	/**
	 * Publishes a payload that is already JSON.
	 * @param json a single JSON value, not checked here
	 * @param retain whether the message becomes the topic's retained message
	 * @return the published message, with its sequence
	 * @throws InvalidTopicException when the topic is not valid
	 */
	public Message publishJson(String topic, byte[] json, boolean retain) {
		TopicFilter.validateTopic(topic);
		HubMeters.TopicMeters topicMeters = this.meters.forTopic(topic);
		long now = System.currentTimeMillis();
		HubMessage message;
		synchronized (this.lock) {
			message = new HubMessage(topic, ++this.sequence, now, false, json, this.mapper, topicMeters);
			remember(message);
			if (retain) {
				this.retained.put(topic, message.asRetained());
			}
			deliver(message);
		}
		topicMeters.published().increment();
		return message;
	}

	/** Removes the retained message of {@code topic}, if any. */
	public void clearRetained(String topic) {
		TopicFilter.validateTopic(topic);
		synchronized (this.lock) {
			this.retained.remove(topic);
		}
	}

	@Override
	public Flux<Message> subscribe(String pattern, SubscribeOptions options) {
		return subscribe(pattern, options, -1);
	}

	/**
	 * Subscribes to a topic or pattern, first replaying the kept history after a sequence.
	 * @param afterSequence the last sequence the subscriber has seen, or a negative value to
	 * start with the retained messages instead. Messages older than the topic's history are
	 * not replayed.
	 * @throws InvalidTopicException when the pattern is not valid
	 */
	public Flux<Message> subscribe(String pattern, SubscribeOptions options, long afterSequence) {
		TopicFilter filter = TopicFilter.parse(pattern);
		Objects.requireNonNull(options, "'options' must not be null");
		return Flux.defer(() -> open(filter, options, afterSequence));
	}

	/** Returns the number of open subscriptions. */
	public int activeSubscriberCount() {
		return this.meters.activeSubscribers().get();
	}

	/** Returns the sequence of the last published message. */
	public long lastSequence() {
		synchronized (this.lock) {
			return this.sequence;
		}
	}

	@Override
	public void close() {
		List<HubSubscription> open = new ArrayList<>();
		synchronized (this.lock) {
			this.exactSubscriptions.values().forEach(open::addAll);
			open.addAll(this.wildcardSubscriptions);
		}
		open.forEach(HubSubscription::complete);
		try {
			this.scheduler.disposeGracefully().timeout(Duration.ofSeconds(2)).block();
		}
		catch (RuntimeException ex) {
			logger.warn("Hub delivery threads did not stop within 2 seconds, stopping them now", ex);
			this.scheduler.dispose();
		}
	}

	private Flux<Message> open(TopicFilter filter, SubscribeOptions options, long afterSequence) {
		HubSubscription subscription;
		synchronized (this.lock) {
			List<HubMessage> replay = (afterSequence < 0) ? retainedMatching(filter) : historyAfter(filter, afterSequence);
			subscription = new HubSubscription(filter, options, replay, this.scheduler.createWorker(), this.meters,
					this::remove);
			if (filter.hasWildcard()) {
				this.wildcardSubscriptions.add(subscription);
			}
			else {
				this.exactSubscriptions.computeIfAbsent(filter.text(), (topic) -> new ArrayList<>(2)).add(subscription);
			}
		}
		this.meters.activeSubscribers().incrementAndGet();
		return Flux.from(subscription);
	}

	private void remove(HubSubscription subscription) {
		synchronized (this.lock) {
			TopicFilter filter = subscription.filter();
			if (filter.hasWildcard()) {
				this.wildcardSubscriptions.remove(subscription);
			}
			else {
				List<HubSubscription> subscriptions = this.exactSubscriptions.get(filter.text());
				if (subscriptions != null && subscriptions.remove(subscription) && subscriptions.isEmpty()) {
					this.exactSubscriptions.remove(filter.text());
				}
			}
		}
		this.meters.activeSubscribers().decrementAndGet();
	}

	private void deliver(HubMessage message) {
		List<HubSubscription> exact = this.exactSubscriptions.get(message.topic());
		if (exact != null) {
			for (HubSubscription subscription : exact) {
				subscription.offer(message);
			}
		}
		for (HubSubscription subscription : this.wildcardSubscriptions) {
			if (subscription.filter().matches(message.topic())) {
				subscription.offer(message);
			}
		}
	}

	private void remember(HubMessage message) {
		if (this.historySize == 0) {
			return;
		}
		ArrayDeque<HubMessage> topicHistory = this.history.computeIfAbsent(message.topic(), (topic) -> new ArrayDeque<>());
		if (topicHistory.size() == this.historySize) {
			topicHistory.poll();
		}
		topicHistory.add(message);
	}

	private List<HubMessage> retainedMatching(TopicFilter filter) {
		List<HubMessage> matching = new ArrayList<>();
		if (!filter.hasWildcard()) {
			HubMessage message = this.retained.get(filter.text());
			return (message != null) ? List.of(message) : List.of();
		}
		for (HubMessage message : this.retained.values()) {
			if (filter.matches(message.topic())) {
				matching.add(message);
			}
		}
		matching.sort(Comparator.comparingLong(HubMessage::sequence));
		return matching;
	}

	private List<HubMessage> historyAfter(TopicFilter filter, long afterSequence) {
		List<HubMessage> matching = new ArrayList<>();
		for (Map.Entry<String, ArrayDeque<HubMessage>> entry : this.history.entrySet()) {
			if (filter.matches(entry.getKey())) {
				for (HubMessage message : entry.getValue()) {
					if (message.sequence() > afterSequence) {
						matching.add(message);
					}
				}
			}
		}
		matching.sort(Comparator.comparingLong(HubMessage::sequence));
		return matching;
	}

	private byte[] toJson(String topic, Object payload) {
		try {
			return this.mapper.writeValueAsBytes(payload);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Payload of type " + payload.getClass().getName() + " for topic '" + topic
					+ "' cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

}
