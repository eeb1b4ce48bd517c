package dev.microlith.platform.security;

import java.time.Duration;

/** Logins refused for a while after too many failures for the same user or client address. */
public class LoginThrottledException extends RuntimeException {

	private final Duration retryAfter;

	public LoginThrottledException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/** Returns how long the caller should wait before the next attempt. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
