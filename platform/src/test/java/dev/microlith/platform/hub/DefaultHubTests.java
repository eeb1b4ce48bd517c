package dev.microlith.platform.hub;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.microlith.sdk.hub.Message;
import dev.microlith.sdk.hub.SubscribeOptions;
import dev.microlith.sdk.hub.SubscribeOptions.Overflow;
import dev.microlith.sdk.hub.SubscriberOverflowException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DefaultHubTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final DefaultHub hub = new DefaultHub(this.meters);

	@AfterEach
	void close() {
		this.hub.close();
	}

	@Test
	void subscriberReceivesOnlyItsTopic() {
		StepVerifier.create(this.hub.subscribe("chat/rooms/1").map(this::text).take(2))
			.then(() -> {
				this.hub.publish("chat/rooms/2", Map.of("text", "other"));
				this.hub.publish("chat/rooms/1", Map.of("text", "one"));
				this.hub.publish("chat/rooms/1", Map.of("text", "two"));
			})
			.expectNext("one", "two")
			.verifyComplete();
	}

	@Test
	void wildcardSubscriberSeesSequenceOrder() {
		List<Message> received = collect("chat/#", 3, () -> {
			this.hub.publish("chat", Map.of("text", "a"));
			this.hub.publish("chat/rooms/1", Map.of("text", "b"));
			this.hub.publish("news/today", Map.of("text", "x"));
			this.hub.publish("chat/rooms/2", Map.of("text", "c"));
		});

		assertThat(received).extracting(Message::topic).containsExactly("chat", "chat/rooms/1", "chat/rooms/2");
		assertThat(received.get(1).sequence()).isGreaterThan(received.get(0).sequence());
		assertThat(received.get(2).sequence()).isGreaterThan(received.get(1).sequence());
	}

	@Test
	void retainedMessageComesFirst() {
		this.hub.publishRetained("status/node", Map.of("text", "up"));

		StepVerifier.create(this.hub.subscribe("status/+").take(2))
			.assertNext((message) -> {
				assertThat(message.retained()).isTrue();
				assertThat(text(message)).isEqualTo("up");
			})
			.then(() -> this.hub.publish("status/node", Map.of("text", "busy")))
			.assertNext((message) -> assertThat(message.retained()).isFalse())
			.verifyComplete();
	}

	@Test
	void nullPayloadClearsRetained() {
		this.hub.publishRetained("status/node", Map.of("text", "up"));
		this.hub.publishRetained("status/node", null);

		StepVerifier.create(this.hub.subscribe("status/node"))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(100))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void dropOldestKeepsNewest() {
		StepVerifier.create(this.hub.subscribe("load", new SubscribeOptions(2, Overflow.DROP_OLDEST)).map(this::text), 0)
			.then(() -> publishNumbered("load", 5))
			.thenRequest(2)
			.expectNext("4", "5")
			.thenCancel()
			.verify(TIMEOUT);

		assertThat(this.meters.get("microlith.hub.messages.dropped").tag("prefix", "load").counter().count())
			.isEqualTo(3);
	}

	@Test
	void dropNewestKeepsOldest() {
		StepVerifier.create(this.hub.subscribe("load", new SubscribeOptions(2, Overflow.DROP_NEWEST)).map(this::text), 0)
			.then(() -> publishNumbered("load", 5))
			.thenRequest(2)
			.expectNext("1", "2")
			.thenCancel()
			.verify(TIMEOUT);

		assertThat(this.meters.get("microlith.hub.messages.dropped").tag("prefix", "load").counter().count())
			.isEqualTo(3);
	}

	@Test
	void failPolicyEndsSubscription() {
		StepVerifier.create(this.hub.subscribe("load", new SubscribeOptions(2, Overflow.FAIL)), 0)
			.then(() -> publishNumbered("load", 3))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(SubscriberOverflowException.class)
				.hasMessageContaining("Subscriber to 'load' fell behind")
				.hasMessageContaining("buffer of 2 messages"))
			.verify(TIMEOUT);

		Awaitility.await().atMost(TIMEOUT).until(() -> this.hub.activeSubscriberCount() == 0);
	}

	@Test
	void slowSubscriberDoesNotHoldBackOthers() {
		StepVerifier.create(this.hub.subscribe("load", new SubscribeOptions(10, Overflow.DROP_OLDEST)), 0)
			.expectSubscription()
			.then(() -> {
				List<Message> fast = collect("load", 10_000, () -> publishNumbered("load", 10_000));
				assertThat(fast).hasSize(10_000);
			})
			.thenRequest(1)
			.assertNext((message) -> assertThat(text(message)).isEqualTo("9991"))
			.thenCancel()
			.verify(Duration.ofSeconds(30));

		assertThat(this.meters.get("microlith.hub.messages.dropped").tag("prefix", "load").counter().count())
			.isEqualTo(9_990);
	}

	@Test
	void cancelReleasesSubscription() {
		Disposable first = this.hub.subscribe("a/#").subscribe();
		Disposable second = this.hub.subscribe("a/b").subscribe();
		assertThat(this.hub.activeSubscriberCount()).isEqualTo(2);
		assertThat(this.meters.get("microlith.hub.subscribers.active").gauge().value()).isEqualTo(2);

		first.dispose();
		second.dispose();

		assertThat(this.hub.activeSubscriberCount()).isZero();
		assertThat(this.meters.get("microlith.hub.subscribers.active").gauge().value()).isZero();
	}

	@Test
	void resumeReplaysHistoryAfterSequence() {
		publishNumbered("feed/a", 3);
		long third = this.hub.lastSequence();
		publishNumbered("feed/b", 2);

		StepVerifier.create(this.hub.subscribe("feed/#", SubscribeOptions.defaults(), third - 1).map(this::text).take(4))
			.expectNext("3", "1", "2")
			.then(() -> this.hub.publish("feed/a", Map.of("text", "live")))
			.expectNext("live")
			.verifyComplete();
	}

	@Test
	void metricsCountPerPrefix() {
		collect("orders/#", 2, () -> {
			this.hub.publish("orders/1", Map.of("text", "a"));
			this.hub.publish("orders/2", Map.of("text", "b"));
		});

		assertThat(this.meters.get("microlith.hub.messages.published").tag("prefix", "orders").counter().count())
			.isEqualTo(2);
		Awaitility.await().atMost(TIMEOUT).until(() -> this.meters.get("microlith.hub.messages.delivered")
			.tag("prefix", "orders").counter().count() == 2);
	}

	@Test
	void invalidTopicsAreRejected() {
		assertThatExceptionOfType(InvalidTopicException.class).isThrownBy(() -> this.hub.publish("a/+", Map.of()))
			.withMessageContaining("Invalid topic 'a/+'");
		assertThatExceptionOfType(InvalidTopicException.class).isThrownBy(() -> this.hub.subscribe("a/#/b"))
			.withMessageContaining("Invalid topic pattern 'a/#/b'");
	}

	@Test
	void payloadReadsAsOwnClass() {
		List<Message> received = collect("people", 1, () -> this.hub.publish("people", new Person("Ada", 36)));

		assertThat(received.get(0).payload(Person.class)).isEqualTo(new Person("Ada", 36));
		assertThat(received.get(0).payload(Object.class)).isEqualTo(Map.of("name", "Ada", "age", 36));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> received.get(0).payload(Integer.class))
			.withMessageContaining("on topic 'people' does not map to java.lang.Integer");
	}

	@Test
	void closeCompletesSubscribers() {
		StepVerifier.create(this.hub.subscribe("a"))
			.then(this.hub::close)
			.verifyComplete();
	}

	/**
	 * Collects {@code count} messages with a buffer that holds all of them, so that a busy
	 * machine, where delivery lags behind publishing, drops nothing.
	 */
	private List<Message> collect(String pattern, int count, Runnable publish) {
		SubscribeOptions holdAll = new SubscribeOptions(count, Overflow.DROP_OLDEST);
		var future = this.hub.subscribe(pattern, holdAll).take(count).collectList().toFuture();
		publish.run();
		return future.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
	}

	private void publishNumbered(String topic, int count) {
		for (int i = 1; i <= count; i++) {
			this.hub.publish(topic, Map.of("text", String.valueOf(i)));
		}
	}

	private String text(Message message) {
		return message.payload(Map.class).get("text").toString();
	}

	record Person(String name, int age) {
	}

}
