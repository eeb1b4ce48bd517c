package dev.microlith.sdk.http;

/**
 * Ends request handling with a problem response of the given status; the message becomes
 * the problem's {@code detail}.
 */
public class HttpStatusException extends RuntimeException {

	private final int status;

	public HttpStatusException(int status, String message) {
		super(message);
		this.status = status;
	}

	public HttpStatusException(int status, String message, Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/** Returns the HTTP status code. */
	public int status() {
		return this.status;
	}

}
