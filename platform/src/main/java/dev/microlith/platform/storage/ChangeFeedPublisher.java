package dev.microlith.platform.storage;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.ChangeFeed;
import dev.microlith.sdk.table.ChangeFeedGapException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * Builds change feeds that read the {@link ChangeBuffer} at the pace of their subscriber.
 * <p>
 * A subscription keeps only a cursor: the last sequence it delivered. When it has demand,
 * it reads the next changes from the buffer. When a commit arrives, it is woken on the
 * feed scheduler, never on the writer thread. So a slow subscriber holds no queue of its
 * own, and once its cursor falls behind the retained changes it gets a
 * {@link ChangeFeedGapException} instead of a silent skip.
 */
final class ChangeFeedPublisher {

	private final ChangeBuffer buffer;

	private final Scheduler scheduler;

	ChangeFeedPublisher(ChangeBuffer buffer, Scheduler scheduler) {
		this.buffer = buffer;
		this.scheduler = scheduler;
	}

	/**
	 * Returns a feed of the changes after {@code afterSequence} that match {@code filter},
	 * each converted by {@code converter}.
	 */
	<K, V> Flux<Change<K, V>> feed(String description, long afterSequence, Predicate<LoggedChange> filter,
			Function<LoggedChange, Change<K, V>> converter) {
		if (afterSequence < ChangeFeed.NOW) {
			return Flux.error(new IllegalArgumentException("Invalid sequence " + afterSequence + " for the changes of "
					+ description + ": expected 0 or more, or -1 for live changes only"));
		}
		return Flux.create((sink) -> {
			Subscription<K, V> subscription = new Subscription<>(sink, description, start(afterSequence), filter,
					converter);
			Runnable wake = subscription::wake;
			this.buffer.addListener(wake);
			sink.onRequest((n) -> subscription.drain());
			sink.onDispose(() -> this.buffer.removeListener(wake));
		});
	}

	private long start(long afterSequence) {
		if (afterSequence == ChangeFeed.NOW) {
			return this.buffer.last();
		}
		if (afterSequence == 0) {
			return this.buffer.first() - 1;
		}
		return afterSequence;
	}

	private final class Subscription<K, V> {

		private final FluxSink<Change<K, V>> sink;

		private final String description;

		private final Predicate<LoggedChange> filter;

		private final Function<LoggedChange, Change<K, V>> converter;

		private final AtomicInteger work = new AtomicInteger();

		/** The last sequence read; only the thread that owns {@link #work} uses it. */
		private long cursor;

		private boolean done;

		Subscription(FluxSink<Change<K, V>> sink, String description, long cursor, Predicate<LoggedChange> filter,
				Function<LoggedChange, Change<K, V>> converter) {
			this.sink = sink;
			this.description = description;
			this.cursor = cursor;
			this.filter = filter;
			this.converter = converter;
		}

		void wake() {
			if (this.sink.requestedFromDownstream() > 0) {
				ChangeFeedPublisher.this.scheduler.schedule(this::drain);
			}
		}

		void drain() {
			if (this.work.getAndIncrement() != 0) {
				return;
			}
			int missed = 1;
			do {
				emitAvailable();
				missed = this.work.addAndGet(-missed);
			}
			while (missed != 0);
		}

		private void emitAvailable() {
			while (!this.done && !this.sink.isCancelled() && this.sink.requestedFromDownstream() > 0
					&& this.cursor < ChangeFeedPublisher.this.buffer.last()) {
				long next = this.cursor + 1;
				LoggedChange change = ChangeFeedPublisher.this.buffer.get(next);
				if (change == null) {
					fail(next);
					return;
				}
				this.cursor = next;
				if (this.filter.test(change)) {
					emit(change);
				}
			}
		}

		private void emit(LoggedChange change) {
			Change<K, V> converted;
			try {
				converted = this.converter.apply(change);
			}
			catch (RuntimeException ex) {
				this.done = true;
				this.sink.error(ex);
				return;
			}
			this.sink.next(converted);
		}

		private void fail(long firstMissed) {
			this.done = true;
			this.sink.error(new ChangeFeedGapException("Changes of " + this.description + " from sequence "
					+ firstMissed + " are no longer retained (the oldest retained is "
					+ ChangeFeedPublisher.this.buffer.first() + "); reload the data and resubscribe from its sequence",
					firstMissed));
		}

	}

}
