package dev.microlith.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body that contains one JSON object, up to a size limit, with errors that
 * say where the JSON is malformed.
 */
final class JsonBodyReader {

	private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {
	};

	private final JsonMapper mapper;

	private final int maxBytes;

	JsonBodyReader(JsonMapper mapper, long maxBytes) {
		this.mapper = mapper;
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE, maxBytes);
	}

	/**
	 * Returns the body of {@code request} as a JSON object.
	 * @return the object, or an error {@link MalformedBodyException} when the body is missing,
	 * malformed or not an object, {@link RequestBodyTooLargeException} when it exceeds the limit,
	 * or {@link UnsupportedContentTypeException} when its content type is not JSON
	 */
	Mono<Map<String, Object>> readObject(ServerRequest request) {
		MediaType type = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
		if (!type.getSubtype().equals("json") && !type.getSubtype().endsWith("+json")) {
			return Mono.error(new UnsupportedContentTypeException("Unsupported content type '" + type
					+ "' of the request body: expected application/json"));
		}
		long declared = request.headers().contentLength().orElse(-1);
		if (declared > this.maxBytes) {
			return Mono.error(tooLarge(declared + " bytes", null));
		}
		return DataBufferUtils.join(request.body((message, context) -> message.getBody()), this.maxBytes)
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge("more than " + this.maxBytes + " bytes", ex))
			.switchIfEmpty(Mono.error(() -> new MalformedBodyException(
					"Missing request body: expected a JSON object such as {\"name\": \"Paris\"}")))
			.map(this::parse);
	}

	private Map<String, Object> parse(DataBuffer buffer) {
		JsonNode tree;
		try (InputStream input = buffer.asInputStream(true)) {
			tree = this.mapper.readTree(input);
		}
		catch (JacksonException ex) {
			throw new MalformedBodyException("Malformed JSON in the request body" + where(ex.getLocation()) + ": "
					+ ex.getOriginalMessage() + "; send one JSON object", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (tree == null || tree.isMissingNode()) {
			throw new MalformedBodyException("Missing request body: expected a JSON object such as {\"name\": \"Paris\"}");
		}
		if (!tree.isObject()) {
			throw new MalformedBodyException("Invalid request body: expected a JSON object, got a JSON "
					+ tree.getNodeType().name().toLowerCase(Locale.ROOT));
		}
		return this.mapper.treeToValue(tree, DOCUMENT);
	}

	private RequestBodyTooLargeException tooLarge(String size, Throwable cause) {
		return new RequestBodyTooLargeException("Request body of " + size + " is over the limit of " + this.maxBytes
				+ " bytes; send a smaller record, use POST /api/{table}/import for bulk data, or raise microlith.api.max-body-size",
				cause);
	}

	private static String where(TokenStreamLocation location) {
		return (location != null && location.getLineNr() > 0)
				? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
	}

}
