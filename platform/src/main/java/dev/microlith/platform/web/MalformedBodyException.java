package dev.microlith.platform.web;

/** Thrown when a request body is missing, is not valid JSON, or is not a JSON object; mapped to HTTP 400. */
class MalformedBodyException extends RuntimeException {

	MalformedBodyException(String message) {
		super(message);
	}

	MalformedBodyException(String message, Throwable cause) {
		super(message, cause);
	}

}
