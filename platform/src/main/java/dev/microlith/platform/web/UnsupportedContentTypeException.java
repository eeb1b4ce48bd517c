package dev.microlith.platform.web;

/** Thrown when a request body's content type is not one the endpoint reads; mapped to HTTP 415. */
class UnsupportedContentTypeException extends RuntimeException {

	UnsupportedContentTypeException(String message) {
		super(message);
	}

}
