package dev.microlith.platform.web;

/** Thrown when an import's content type is none of the supported formats; mapped to HTTP 415. */
class UnsupportedImportFormatException extends RuntimeException {

	UnsupportedImportFormatException(String message) {
		super(message);
	}

}
