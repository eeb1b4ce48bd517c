package dev.microlith.platform.hub;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

import dev.microlith.platform.security.SecurityStore;
import dev.microlith.platform.storage.ChangeLog;
import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.ChangeFeed;
import dev.microlith.sdk.table.ChangeFeedGapException;

/**
 * Publishes every committed table change on the hub topic {@code tables/<table>/<key>},
 * so that a subscriber can follow one record ({@code tables/city/42}) or a whole table
 * ({@code tables/city/#}). The payload is the change: table, key, operation, version,
 * sequence, timestamp and record. See {@link #topic(Change)} for keys with special
 * characters. Changes of the node's system tables (users, roles, tokens, audit) are
 * not published.
 * <p>
 * The hub delivers to each subscriber through its own bounded buffer. When the node-wide
 * change feed reports that this publisher fell behind, the missed changes are not
 * published: the publisher logs the gap and continues with live changes. Subscribers that
 * need every change read the table's change feed instead, which resumes from a sequence.
 */
final class TableChangePublisher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TableChangePublisher.class);

	private final Disposable subscription;

	TableChangePublisher(ChangeLog changes, DefaultHub hub, HubJsonWriter writer) {
		this.subscription = Flux.defer(() -> changes.changes(ChangeFeed.NOW))
			.doOnNext(change -> publish(hub, writer, change))
			.doOnError(ChangeFeedGapException.class,
					ex -> logger.warn("Hub missed table changes from sequence {} on; continuing with live changes",
							ex.firstMissedSequence()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(10)).maxBackoff(Duration.ofSeconds(1)))
			.subscribe();
	}

	private static void publish(DefaultHub hub, HubJsonWriter writer, Change<?, ?> change) {
		if (SecurityStore.isSystemTable(change.table())) {
			return;
		}
		try {
			hub.publishJson(topic(change), writer.write(change), false);
		}
		catch (RuntimeException ex) {
			logger.error("Failed to publish change {} of table '{}' key '{}' on the hub", change.sequence(),
					change.table(), change.key(), ex);
		}
	}

	/**
	 * Returns the topic of a change: {@code tables/<table>/<key>}, with {@code %}, {@code /},
	 * {@code +} and {@code #} in the key written as {@code %25}, {@code %2F}, {@code %2B} and
	 * {@code %23}, so that every key is exactly one topic level.
	 */
	static String topic(Change<?, ?> change) {
		String key = String.valueOf(change.key())
			.replace("%", "%25")
			.replace("/", "%2F")
			.replace("+", "%2B")
			.replace("#", "%23");
		return "tables/" + change.table() + "/" + key;
	}

	@Override
	public void close() {
		this.subscription.dispose();
	}

	/** Writes a change as JSON bytes. */
	@FunctionalInterface
	interface HubJsonWriter {

		byte[] write(Change<?, ?> change);

	}

}
