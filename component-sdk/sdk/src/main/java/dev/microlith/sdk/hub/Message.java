package dev.microlith.sdk.hub;

/**
 * A message delivered by the hub. Instances are immutable.
 */
public interface Message {

	/** Returns the topic the message was published to. */
	String topic();

	/** Returns the hub-wide sequence of the message, increasing in publish order. */
	long sequence();

	/** Returns the publish time in milliseconds since the Unix epoch. */
	long timestamp();

	/** Returns whether this is a topic's retained message, delivered on subscribe. */
	boolean retained();

	/** Returns the payload as JSON bytes; the array is a copy. */
	byte[] json();

	/**
	 * Returns the payload read as {@code type}; {@code Object.class} gives maps, lists,
	 * strings, numbers and booleans.
	 * @throws IllegalArgumentException when the payload does not map to {@code type}
	 */
	<T> T payload(Class<T> type);

}
