package dev.microlith.platform.web;

/**
 * Thrown when a request parameter of the REST API is invalid; mapped to HTTP 400 with the
 * parameter and its value as problem properties.
 */
class InvalidParameterException extends RuntimeException {

	private final String parameter;

	private final String value;

	InvalidParameterException(String parameter, String value, String message) {
		super(message);
		this.parameter = parameter;
		this.value = value;
	}

	String parameter() {
		return this.parameter;
	}

	String value() {
		return this.value;
	}

}
