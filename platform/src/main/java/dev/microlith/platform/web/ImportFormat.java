package dev.microlith.platform.web;

import org.springframework.http.MediaType;

/** The formats {@code POST /api/{table}/import} reads, chosen by the request's content type. */
enum ImportFormat {

	/** One JSON object per line ({@code application/x-ndjson}); failures name the line. */
	NDJSON,

	/** One JSON array of objects ({@code application/json}); failures name the element, counting from 1. */
	JSON_ARRAY,

	/**
	 * Comma-separated values with a header row of field names ({@code text/csv}); failures
	 * name the line on which the record starts.
	 */
	CSV;

	/**
	 * Returns the format of {@code contentType}.
	 * @throws UnsupportedContentTypeException when it is not one of the supported types
	 */
	static ImportFormat of(MediaType contentType) {
		if (contentType != null) {
			if (contentType.isCompatibleWith(MediaType.APPLICATION_NDJSON)
					|| contentType.isCompatibleWith(MediaType.valueOf("application/jsonl"))) {
				return NDJSON;
			}
			if (contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				return JSON_ARRAY;
			}
			if (contentType.isCompatibleWith(MediaType.valueOf("text/csv"))) {
				return CSV;
			}
		}
		throw new UnsupportedContentTypeException("Unsupported content type '" + contentType
				+ "' for an import: expected application/x-ndjson (one JSON object per line), application/json (a JSON array of objects) or text/csv (a header row, then one record per line)");
	}

}
