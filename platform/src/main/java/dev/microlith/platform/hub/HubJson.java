package dev.microlith.platform.hub;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.microlith.sdk.hub.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.ObjectMapper;

/**
 * The JSON that hub messages travel in outside the node: an envelope
 * {@code {"topic":…,"sequence":…,"timestamp":…,"retained":…,"payload":…}} whose payload
 * is the published JSON, copied without parsing it again.
 */
final class HubJson {

	private HubJson() {
	}

	/** Writes the envelope of {@code message}. */
	static byte[] envelope(Message message) {
		byte[] payload = (message instanceof HubMessage hubMessage) ? hubMessage.jsonUnsafe() : message.json();
		byte[] topic = JsonStringEncoder.getInstance().quoteAsUTF8(message.topic());
		ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + topic.length + 96);
		out.writeBytes(ascii("{\"topic\":\""));
		out.writeBytes(topic);
		out.writeBytes(ascii("\",\"sequence\":" + message.sequence() + ",\"timestamp\":" + message.timestamp()
				+ ",\"retained\":" + message.retained() + ",\"payload\":"));
		out.writeBytes(payload);
		out.write('}');
		return out.toByteArray();
	}

	/**
	 * Checks that {@code data} is exactly one JSON value.
	 * @param where what the data was sent to, for the error message
	 * @throws InvalidJsonException when it is empty, malformed or contains more than one value
	 */
	static void requireSingleValue(ObjectMapper mapper, byte[] data, String where) {
		try (JsonParser parser = mapper.createParser(data)) {
			if (parser.nextToken() == null) {
				throw new InvalidJsonException("Missing payload for " + where + ": expected a JSON value", null);
			}
			parser.skipChildren();
			if (parser.nextToken() != null) {
				throw new InvalidJsonException("Invalid JSON payload for " + where
						+ ": expected a single JSON value but found more after it", null);
			}
		}
		catch (JacksonException ex) {
			throw new InvalidJsonException("Invalid JSON payload for " + where + ": " + ex.getOriginalMessage(), ex);
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
