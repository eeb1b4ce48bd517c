package dev.microlith.sdk.hub;

/** Ends a subscription whose buffer overflowed under {@link SubscribeOptions.Overflow#FAIL}. */
public class SubscriberOverflowException extends RuntimeException {

	public SubscriberOverflowException(String message) {
		super(message);
	}

}
