package dev.microlith.platform.hub;

import dev.microlith.sdk.hub.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** The hub's {@link Message}: the payload is kept as JSON bytes, written once per publish. */
final class HubMessage implements Message {

	private final String topic;

	private final long sequence;

	private final long timestamp;

	private final boolean retained;

	private final byte[] json;

	private final ObjectMapper mapper;

	private final HubMeters.TopicMeters meters;

	HubMessage(String topic, long sequence, long timestamp, boolean retained, byte[] json, ObjectMapper mapper,
			HubMeters.TopicMeters meters) {
		this.topic = topic;
		this.sequence = sequence;
		this.timestamp = timestamp;
		this.retained = retained;
		this.json = json;
		this.mapper = mapper;
		this.meters = meters;
	}

	/** Returns this message marked as retained, for delivery on subscribe. */
	HubMessage asRetained() {
		return new HubMessage(this.topic, this.sequence, this.timestamp, true, this.json, this.mapper, this.meters);
	}

	@Override
	public String topic() {
		return this.topic;
	}

	@Override
	public long sequence() {
		return this.sequence;
	}

	@Override
	public long timestamp() {
		return this.timestamp;
	}

	@Override
	public boolean retained() {
		return this.retained;
	}

	@Override
	public byte[] json() {
		return this.json.clone();
	}

	/** Returns the JSON payload without copying it; callers must not modify the array. */
	byte[] jsonUnsafe() {
		return this.json;
	}

	/** Returns the meters of the message's topic prefix. */
	HubMeters.TopicMeters meters() {
		return this.meters;
	}

	@Override
	public <T> T payload(Class<T> type) {
		try {
			return this.mapper.readValue(this.json, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Payload of message " + this.sequence + " on topic '" + this.topic
					+ "' does not map to " + type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "HubMessage[topic=" + this.topic + ", sequence=" + this.sequence + ", retained=" + this.retained + "]";
	}

}
