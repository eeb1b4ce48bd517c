package dev.microlith.platform.hub;

/** Thrown when a request's payload is larger than the node accepts. */
public class PayloadTooLargeException extends RuntimeException {

	public PayloadTooLargeException(String message) {
		super(message);
	}

}
