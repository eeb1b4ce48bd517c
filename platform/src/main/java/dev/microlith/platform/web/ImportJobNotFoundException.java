package dev.microlith.platform.web;

/** Thrown when {@code GET /ops/jobs/{id}} names no known import job; mapped to HTTP 404. */
class ImportJobNotFoundException extends RuntimeException {

	ImportJobNotFoundException(String message) {
		super(message);
	}

}
