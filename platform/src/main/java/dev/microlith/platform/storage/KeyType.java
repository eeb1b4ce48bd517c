package dev.microlith.platform.storage;

import java.util.Locale;
import java.util.UUID;

/**
 * The key types a table may declare.
 */
public enum KeyType {

	STRING(String.class), LONG(Long.class), UUID(java.util.UUID.class);

	private final Class<?> javaType;

	KeyType(Class<?> javaType) {
		this.javaType = javaType;
	}

	/** Returns the Java class of keys of this type. */
	public Class<?> javaType() {
		return this.javaType;
	}

	/**
	 * Returns the key type named {@code name} ({@code string}, {@code long} or {@code uuid},
	 * in any case).
	 * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
	 */
	public static KeyType of(String name) {
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException(
					"Invalid key type '" + name + "': expected one of string, long, uuid", ex);
		}
	}

	/**
	 * Converts {@code key}, given as this type or as its string form, to this type.
	 * @throws IllegalArgumentException when the key is neither
	 */
	public Object convert(Object key) {
		if (this.javaType.isInstance(key)) {
			return key;
		}
		if (this == LONG && (key instanceof Integer || key instanceof Short)) {
			return ((Number) key).longValue();
		}
		if (key instanceof String text) {
			try {
				return switch (this) {
					case STRING -> text;
					case LONG -> Long.parseLong(text);
					case UUID -> java.util.UUID.fromString(text);
				};
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Invalid key '" + text + "': expected a " + describe(), ex);
			}
		}
		throw new IllegalArgumentException("Invalid key '" + key + "' of type "
				+ ((key != null) ? key.getClass().getSimpleName() : "null") + ": expected a " + describe());
	}

	private String describe() {
		return switch (this) {
			case STRING -> "string";
			case LONG -> "64-bit integer";
			case UUID -> "UUID such as " + java.util.UUID.nameUUIDFromBytes(new byte[0]);
		};
	}

}
