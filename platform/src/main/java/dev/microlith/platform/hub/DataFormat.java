package dev.microlith.platform.hub;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The data format of one RSocket connection. Handlers always see JSON. With CBOR, request
 * data is converted to JSON on arrival and responses are converted to CBOR on the way out.
 */
final class DataFormat {

	static final String JSON = "application/json";

	static final String CBOR = "application/cbor";

	private final ObjectMapper jsonMapper;

	private final ObjectMapper cborMapper;

	private DataFormat(ObjectMapper jsonMapper, ObjectMapper cborMapper) {
		this.jsonMapper = jsonMapper;
		this.cborMapper = cborMapper;
	}

	static DataFormat json(ObjectMapper jsonMapper) {
		return new DataFormat(jsonMapper, null);
	}

	static DataFormat cbor(ObjectMapper jsonMapper, ObjectMapper cborMapper) {
		return new DataFormat(jsonMapper, cborMapper);
	}

	/**
	 * Returns request data as JSON.
	 * @throws InvalidJsonException when CBOR data cannot be read
	 */
	byte[] toJson(byte[] data, String route) {
		if (this.cborMapper == null || data.length == 0) {
			return data;
		}
		try {
			return this.jsonMapper.writeValueAsBytes(this.cborMapper.readTree(data));
		}
		catch (JacksonException ex) {
			throw new InvalidJsonException("Invalid CBOR payload for route '" + route + "': " + ex.getOriginalMessage(),
					ex);
		}
	}

	/** Encodes a handler's value in this format; {@link JsonBytes} are JSON already. */
	byte[] encode(Object value) {
		if (value instanceof JsonBytes json) {
			return (this.cborMapper != null) ? this.cborMapper.writeValueAsBytes(this.jsonMapper.readTree(json.bytes()))
					: json.bytes();
		}
		return ((this.cborMapper != null) ? this.cborMapper : this.jsonMapper).writeValueAsBytes(value);
	}

}
