package dev.microlith.sdk.hub;

import java.util.Objects;

/**
 * How a subscription buffers messages its subscriber has not yet requested.
 * @param bufferSize the maximum number of messages held for the subscriber, at least 1
 * @param overflow what happens to a message that finds the buffer full
 */
public record SubscribeOptions(int bufferSize, Overflow overflow) {

	/** The buffer size of {@link #defaults()}. */
	public static final int DEFAULT_BUFFER_SIZE = 1024;

	public SubscribeOptions {
		Objects.requireNonNull(overflow, "'overflow' must not be null");
		if (bufferSize < 1) {
			throw new IllegalArgumentException("Invalid buffer size " + bufferSize + ": expected 1 or more");
		}
	}

	/** Returns options with a buffer of {@value #DEFAULT_BUFFER_SIZE} messages that drops the oldest. */
	public static SubscribeOptions defaults() {
		return new SubscribeOptions(DEFAULT_BUFFER_SIZE, Overflow.DROP_OLDEST);
	}

	/** What a full subscriber buffer does with a new message. Drops are counted in metrics. */
	public enum Overflow {

		/** Discards the oldest buffered message to make room. */
		DROP_OLDEST,

		/** Discards the new message. */
		DROP_NEWEST,

		/** Ends the subscription with {@link SubscriberOverflowException}. */
		FAIL

	}

}
