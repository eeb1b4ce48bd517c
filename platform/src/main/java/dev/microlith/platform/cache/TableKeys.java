package dev.microlith.platform.cache;

import java.util.UUID;

/**
 * Converts the key of a table change to the key class of a cache bound to that table.
 * Tables key records by {@code String}, {@code Long} or {@code UUID}; a cache may declare
 * any of these for the same table.
 */
final class TableKeys {

	private TableKeys() {
	}

	/**
	 * Returns {@code tableKey} as an instance of {@code keyClass}.
	 * @throws IllegalArgumentException when the key cannot be converted
	 */
	static Object toCacheKey(Object tableKey, Class<?> keyClass) {
		if (keyClass.isInstance(tableKey)) {
			return tableKey;
		}
		String text = String.valueOf(tableKey);
		try {
			if (keyClass == String.class) {
				return text;
			}
			if (keyClass == Long.class) {
				return Long.valueOf(text);
			}
			if (keyClass == UUID.class) {
				return UUID.fromString(text);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Invalid table key '" + text + "': expected a key convertible to " + keyClass.getName(), ex);
		}
		throw new IllegalArgumentException("Invalid table key '" + text + "' of " + tableKey.getClass().getName()
				+ ": a table-bound cache must declare its key type as java.lang.String, java.lang.Long or java.util.UUID");
	}

}
