package dev.microlith.platform.storage;

/**
 * The hybrid logical clock that timestamps writes: the upper 48 bits are milliseconds since
 * the Unix epoch, the lower 16 bits a counter for writes within one millisecond.
 * <p>
 * Values strictly increase even when the wall clock goes back. When more than 65,536
 * writes fall in one millisecond the counter carries into the millisecond part, so the
 * clock runs slightly ahead until the wall clock catches up. Not thread-safe: only the
 * writer thread ticks it.
 */
final class HybridLogicalClock {

	private long last;

	HybridLogicalClock(long last) {
		this.last = last;
	}

	/** Returns the next timestamp, greater than every earlier one. */
	long tick() {
		long wall = System.currentTimeMillis() << 16;
		this.last = Math.max(this.last + 1, wall);
		return this.last;
	}

	long last() {
		return this.last;
	}

}
