package dev.microlith.sdk.hub;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The node's stream hub.
 * <p>
 * A topic is a path of levels separated by {@code /}, such as {@code chat/rooms/42}. A
 * subscription names a topic or a pattern: {@code +} matches exactly one level and
 * {@code #}, as the last level, matches any remaining levels (including none).
 * <p>
 * Payloads travel as JSON, so any value that maps to JSON can be published and read back
 * in another component as that component's own class. Changes to tables are published on
 * {@code tables/<table>/<key>}. Implementations are thread-safe.
 */
public interface Hub {

	/**
	 * Publishes {@code payload} to {@code topic}. Never blocks: each subscriber's overflow
	 * policy decides what happens when its buffer is full.
	 * @return completes once the message is handed to every current subscriber
	 * @throws IllegalArgumentException when the topic is not valid (empty level, or a
	 * wildcard)
	 */
	Mono<Void> publish(String topic, Object payload);

	/**
	 * Publishes {@code payload} and keeps it as the topic's retained message, which every
	 * new subscriber receives first. A {@code null} payload clears the retained message.
	 */
	Mono<Void> publishRetained(String topic, Object payload);

	/** Subscribes to a topic or pattern with the default options. */
	default Flux<Message> subscribe(String pattern) {
		return subscribe(pattern, SubscribeOptions.defaults());
	}

	/**
	 * Subscribes to a topic or pattern. The subscription ends when the subscriber cancels.
	 * @throws IllegalArgumentException when the pattern is not valid
	 */
	Flux<Message> subscribe(String pattern, SubscribeOptions options);

}
