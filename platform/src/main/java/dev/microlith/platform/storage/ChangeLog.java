package dev.microlith.platform.storage;

import java.util.Map;

import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.ChangeFeed;
import reactor.core.publisher.Flux;

/**
 * The node-wide change feed: every committed change to every table, in commit order.
 * <p>
 * The hub and the caches subscribe to it. Records are delivered as JSON documents and
 * keys as their declared Java type.
 */
public interface ChangeLog {

	/**
	 * Streams every change committed after {@code afterSequence}, then live changes, in
	 * commit order and honouring backpressure. Use {@code 0} for every retained change, or
	 * {@link ChangeFeed#NOW} for live changes only.
	 * <p>
	 * A subscriber that asks for changes no longer retained, or falls behind the retained
	 * window while it does not request, receives a
	 * {@link dev.microlith.sdk.table.ChangeFeedGapException} naming the first sequence it
	 * missed.
	 */
	Flux<Change<Object, Map<String, Object>>> changes(long afterSequence);

	/** Returns the sequence of the last committed change, or {@code 0} when there is none. */
	long lastSequence();

}
