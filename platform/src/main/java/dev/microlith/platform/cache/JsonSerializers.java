package dev.microlith.platform.cache;

import java.nio.ByteBuffer;

import org.ehcache.spi.serialization.Serializer;
import org.ehcache.spi.serialization.SerializerException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ehcache serializers for the off-heap and disk tiers that write keys and values as JSON.
 * <p>
 * Each cache gets its own serializers and JSON mapper, built for the key and value classes
 * that the component's class loader resolved. They die with the cache, so no class of an
 * undeployed component stays reachable through them, and the JSON they write can be read
 * by the next version of the component with its own class loader.
 */
final class JsonSerializers {

	private JsonSerializers() {
	}

	/** Returns a mapper for one cache; mappers cache deserializers, so they are not shared. */
	static JsonMapper newMapper() {
		return JsonMapper.builder().build();
	}

	/** Serializer of keys of one class. */
	static final class KeySerializer implements Serializer<Object> {

		private final JsonMapper mapper;

		private final Class<?> keyClass;

		KeySerializer(JsonMapper mapper, Class<?> keyClass) {
			this.mapper = mapper;
			this.keyClass = keyClass;
		}

		@Override
		public ByteBuffer serialize(Object key) {
			try {
				return ByteBuffer.wrap(this.mapper.writeValueAsBytes(key));
			}
			catch (JacksonException ex) {
				throw new SerializerException("Cannot write key of " + this.keyClass.getName() + " as JSON", ex);
			}
		}

		@Override
		public Object read(ByteBuffer binary) {
			return readJson(this.mapper, binary, this.keyClass);
		}

		@Override
		public boolean equals(Object key, ByteBuffer binary) {
			return key.equals(read(binary));
		}

	}

	/**
	 * Serializer of {@link CacheEntry} values: the version and the write time as two longs,
	 * then the value as JSON.
	 */
	static final class EntrySerializer implements Serializer<CacheEntry> {

		private final JsonMapper mapper;

		private final Class<?> valueClass;

		EntrySerializer(JsonMapper mapper, Class<?> valueClass) {
			this.mapper = mapper;
			this.valueClass = valueClass;
		}

		@Override
		public ByteBuffer serialize(CacheEntry entry) {
			byte[] json;
			try {
				json = this.mapper.writeValueAsBytes(entry.value());
			}
			catch (JacksonException ex) {
				throw new SerializerException(
						"Cannot write value of " + entry.value().getClass().getName() + " as JSON", ex);
			}
			ByteBuffer buffer = ByteBuffer.allocate(2 * Long.BYTES + json.length);
			buffer.putLong(entry.version()).putLong(entry.writtenAt()).put(json).flip();
			return buffer;
		}

		@Override
		public CacheEntry read(ByteBuffer binary) {
			ByteBuffer buffer = binary.duplicate();
			long version = buffer.getLong();
			long writtenAt = buffer.getLong();
			return new CacheEntry(readJson(this.mapper, buffer, this.valueClass), version, writtenAt);
		}

		@Override
		public boolean equals(CacheEntry entry, ByteBuffer binary) {
			ByteBuffer buffer = binary.duplicate();
			return entry.version() == buffer.getLong() && entry.writtenAt() == buffer.getLong();
		}

	}

	private static Object readJson(JsonMapper mapper, ByteBuffer binary, Class<?> type) {
		ByteBuffer buffer = binary.duplicate();
		byte[] json = new byte[buffer.remaining()];
		buffer.get(json);
		try {
			return mapper.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw new SerializerException("Cannot read JSON as " + type.getName()
					+ "; the class may have changed incompatibly since the entry was written", ex);
		}
	}

}
