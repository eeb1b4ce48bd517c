package dev.microlith.platform.hub;

/** Thrown when a connection declared a data MIME type that the node does not read. */
public class UnsupportedMimeTypeException extends RuntimeException {

	public UnsupportedMimeTypeException(String message) {
		super(message);
	}

}
