package dev.microlith.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per user name and per client address. After
 * {@code maxFailures} failures within the lockout period, further logins with that name
 * or from that address are refused until the oldest counted failure is older than the
 * lockout period. A successful login clears the user's count. Thread-safe.
 */
final class LoginThrottle {

	/** Bounds the memory that many distinct names or addresses can take. */
	static final int MAX_TRACKED = 100_000;

	private final int maxFailures;

	private final Duration lockout;

	private final Clock clock;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
		this.maxFailures = maxFailures;
		this.lockout = lockout;
		this.clock = clock;
	}

	/**
	 * Refuses a login for {@code user} from {@code address} when either has too many
	 * recent failures.
	 * @param address the client address, or {@code null} when unknown
	 * @throws LoginThrottledException with the time until the next attempt is allowed
	 */
	void check(String user, String address) {
		Instant now = this.clock.instant();
		Duration wait = waitFor("user:" + user, now);
		if (address != null) {
			Duration addressWait = waitFor("address:" + address, now);
			if (addressWait.compareTo(wait) > 0) {
				wait = addressWait;
			}
		}
		if (!wait.isZero()) {
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			throw new LoginThrottledException("Too many failed logins for this user or address; try again in "
					+ seconds + " s", Duration.ofSeconds(seconds));
		}
	}

	/**
	 * Counts a failed login.
	 * @return whether this failure starts a lockout of the user or the address
	 */
	boolean failed(String user, String address) {
		Instant now = this.clock.instant();
		if (this.failures.size() >= MAX_TRACKED) {
			for (String key : this.failures.keySet()) {
				this.failures.computeIfPresent(key, (name, times) -> {
					prune(times, now);
					return times.isEmpty() ? null : times;
				});
			}
		}
		boolean locked = record("user:" + user, now);
		if (address != null) {
			locked |= record("address:" + address, now);
		}
		return locked;
	}

	/** Clears the failures of {@code user} after a successful login. */
	void succeeded(String user) {
		this.failures.remove("user:" + user);
	}

	private boolean record(String key, Instant now) {
		boolean[] locked = { false };
		this.failures.compute(key, (name, times) -> {
			Deque<Instant> deque = (times != null) ? times : new ArrayDeque<>();
			prune(deque, now);
			deque.addLast(now);
			locked[0] = deque.size() == this.maxFailures;
			while (deque.size() > this.maxFailures) {
				deque.removeFirst();
			}
			return deque;
		});
		return locked[0];
	}

	private Duration waitFor(String key, Instant now) {
		Duration[] wait = { Duration.ZERO };
		this.failures.computeIfPresent(key, (name, times) -> {
			prune(times, now);
			if (times.size() >= this.maxFailures) {
				wait[0] = Duration.between(now, times.peekFirst().plus(this.lockout));
			}
			return times.isEmpty() ? null : times;
		});
		return wait[0].isNegative() ? Duration.ZERO : wait[0];
	}

	private void prune(Deque<Instant> times, Instant now) {
		while (!times.isEmpty() && !times.peekFirst().plus(this.lockout).isAfter(now)) {
			times.removeFirst();
		}
	}

}
