package dev.microlith.platform.web;

/** Thrown when a request body exceeds {@code microlith.api.max-body-size}; mapped to HTTP 413. */
class RequestBodyTooLargeException extends RuntimeException {

	RequestBodyTooLargeException(String message, Throwable cause) {
		super(message, cause);
	}

}
