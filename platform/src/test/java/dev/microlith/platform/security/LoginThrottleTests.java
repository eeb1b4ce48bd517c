package dev.microlith.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LoginThrottleTests {

	private final MovableClock clock = new MovableClock();

	private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(60), this.clock);

	@Test
	void refusesAfterTooManyFailuresOfAUserUntilTheOldestExpires() {
		assertThat(this.throttle.failed("bob", "10.0.0.1")).isFalse();
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.throttle.failed("bob", "10.0.0.2")).isFalse();
		assertThat(this.throttle.failed("bob", "10.0.0.3")).isTrue();

		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> this.throttle.check("bob", "10.0.0.4"))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(50)));
		assertThatCode(() -> this.throttle.check("alice", "10.0.0.4")).doesNotThrowAnyException();

		this.clock.advance(Duration.ofSeconds(50));
		assertThatCode(() -> this.throttle.check("bob", "10.0.0.4")).doesNotThrowAnyException();
	}

	@Test
	void refusesAfterTooManyFailuresFromAnAddressForAnyUser() {
		this.throttle.failed("a", "10.0.0.9");
		this.throttle.failed("b", "10.0.0.9");
		this.throttle.failed("c", "10.0.0.9");

		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> this.throttle.check("d", "10.0.0.9"));
		assertThatCode(() -> this.throttle.check("d", "10.0.0.10")).doesNotThrowAnyException();
	}

	@Test
	void successClearsTheUsersFailures() {
		this.throttle.failed("bob", "10.0.0.1");
		this.throttle.failed("bob", "10.0.0.2");
		this.throttle.succeeded("bob");
		this.throttle.failed("bob", "10.0.0.3");

		assertThatCode(() -> this.throttle.check("bob", "10.0.0.4")).doesNotThrowAnyException();
	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-12-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
