package dev.microlith.platform.storage;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The retained changes in memory, a ring indexed by sequence, and the feed subscriptions
 * to notify when changes commit.
 * <p>
 * Sequences are contiguous. The writer thread appends; readers on any thread read a
 * sequence and check that the slot still contains it, because the writer may have reused
 * the slot for a newer change.
 */
final class ChangeBuffer {

	private final LoggedChange[] ring;

	private final long maxAgeMillis;

	private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();

	/** The first retained sequence; {@code last + 1} when none is retained. */
	private volatile long first;

	/** The last committed sequence. */
	private volatile long last;

	ChangeBuffer(int capacity, Duration maxAge, long lastSequence) {
		this.ring = new LoggedChange[Math.max(1, capacity)];
		this.maxAgeMillis = maxAge.toMillis();
		this.last = lastSequence;
		this.first = lastSequence + 1;
	}

	long first() {
		return this.first;
	}

	long last() {
		return this.last;
	}

	/** Loads retained changes read from disk at start-up, oldest first. */
	void load(List<LoggedChange> changes) {
		for (LoggedChange change : changes) {
			this.ring[slot(change.sequence())] = change;
		}
		if (!changes.isEmpty()) {
			this.first = changes.get(0).sequence();
		}
	}

	/** Appends committed changes, drops those past retention and notifies subscribers. */
	void append(List<LoggedChange> changes) {
		if (changes.isEmpty()) {
			return;
		}
		long newLast = changes.get(changes.size() - 1).sequence();
		this.first = Math.max(this.first, newLast - this.ring.length + 1);
		for (LoggedChange change : changes) {
			this.ring[slot(change.sequence())] = change;
		}
		this.last = newLast;
		dropOlderThan(System.currentTimeMillis() - this.maxAgeMillis);
		this.listeners.forEach(Runnable::run);
	}

	/**
	 * Returns the first sequence still retained after dropping changes older than
	 * {@code cutoffMillis}.
	 */
	long dropOlderThan(long cutoffMillis) {
		long sequence = this.first;
		while (sequence <= this.last) {
			LoggedChange change = this.ring[slot(sequence)];
			if (change == null || change.sequence() != sequence || (change.timestamp() >>> 16) >= cutoffMillis) {
				break;
			}
			sequence++;
		}
		this.first = sequence;
		return sequence;
	}

	/** Returns the change with {@code sequence}, or {@code null} when it is no longer retained. */
	LoggedChange get(long sequence) {
		if (sequence < this.first || sequence > this.last) {
			return null;
		}
		LoggedChange change = this.ring[slot(sequence)];
		return (change != null && change.sequence() == sequence && sequence >= this.first) ? change : null;
	}

	void addListener(Runnable listener) {
		this.listeners.add(listener);
	}

	void removeListener(Runnable listener) {
		this.listeners.remove(listener);
	}

	private int slot(long sequence) {
		return (int) Math.floorMod(sequence, (long) this.ring.length);
	}

}
