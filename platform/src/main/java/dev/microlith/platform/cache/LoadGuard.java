package dev.microlith.platform.cache;

import java.util.function.BooleanSupplier;

/**
 * Keeps a loaded value out of the cache when its key was removed or invalidated while the
 * loader ran, so that a load that read a table before a write cannot store the old value
 * after the write's invalidation.
 * <p>
 * Keys are spread over a fixed number of stripes. Each stripe counts removals; a load takes
 * the count before it starts and stores its value only if the count is unchanged, under the
 * same lock that a removal holds. Writes of a key hold that lock too, so a load can check
 * for a newer value and store its own atomically. A removal of another key of the same
 * stripe also keeps a value out, which costs one more load later but is never wrong.
 * Thread-safe.
 */
final class LoadGuard {

	private static final int STRIPES = 64;

	private final Object[] locks = new Object[STRIPES];

	private final long[] removals = new long[STRIPES];

	LoadGuard() {
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new Object();
		}
	}

	/** Returns the stamp a load takes before it calls its loader. */
	long stamp(Object key) {
		int stripe = stripe(key);
		synchronized (this.locks[stripe]) {
			return this.removals[stripe];
		}
	}

	/** Runs {@code write} of {@code key} under the lock of its stripe, without changing the stamp. */
	void write(Object key, Runnable write) {
		synchronized (this.locks[stripe(key)]) {
			write.run();
		}
	}

	/** Runs {@code removal} of {@code key}, so that loads stamped before it store nothing. */
	void remove(Object key, Runnable removal) {
		int stripe = stripe(key);
		synchronized (this.locks[stripe]) {
			this.removals[stripe]++;
			removal.run();
		}
	}

	/** Runs {@code removal} of every key, so that every load stamped before it stores nothing. */
	void removeAll(Runnable removal) {
		lockFrom(0, removal);
	}

	/**
	 * Runs {@code store} if no removal of {@code key}'s stripe happened since {@code stamp}.
	 * @return whether {@code store} ran and returned {@code true}
	 */
	boolean storeIfUnchanged(Object key, long stamp, BooleanSupplier store) {
		int stripe = stripe(key);
		synchronized (this.locks[stripe]) {
			return this.removals[stripe] == stamp && store.getAsBoolean();
		}
	}

	private void lockFrom(int stripe, Runnable removal) {
		if (stripe == STRIPES) {
			removal.run();
			return;
		}
		synchronized (this.locks[stripe]) {
			this.removals[stripe]++;
			lockFrom(stripe + 1, removal);
		}
	}

	private static int stripe(Object key) {
		int hash = key.hashCode();
		return (hash ^ (hash >>> 16)) & (STRIPES - 1);
	}

}
