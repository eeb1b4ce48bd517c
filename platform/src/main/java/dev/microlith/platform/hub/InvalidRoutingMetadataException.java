package dev.microlith.platform.hub;

/** Thrown when an RSocket request carries missing or malformed routing metadata. */
public class InvalidRoutingMetadataException extends RuntimeException {

	public InvalidRoutingMetadataException(String message) {
		super(message);
	}

	public InvalidRoutingMetadataException(String message, Throwable cause) {
		super(message, cause);
	}

}
