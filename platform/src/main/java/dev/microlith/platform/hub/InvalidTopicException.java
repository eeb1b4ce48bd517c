package dev.microlith.platform.hub;

/** Thrown when a topic or subscription pattern is not valid. */
public class InvalidTopicException extends IllegalArgumentException {

	public InvalidTopicException(String message) {
		super(message);
	}

}
