package dev.microlith.platform.storage;

import dev.microlith.sdk.table.InvalidRecordException;

/** The key checks of a handle: strictly typed, or converted from the string form. */
enum Keys {

	/** The key must be an instance of the table's key type. */
	TYPED,

	/** The key may be of the table's key type or its string form. */
	CONVERTED;

	/**
	 * Returns {@code key} as the table's key type.
	 * @throws InvalidRecordException when it is null or of another type
	 */
	Object check(TableState table, Object key) {
		KeyType type = table.keyType();
		if (key == null) {
			throw new InvalidRecordException("Invalid key null for table '" + table.name() + "': expected a "
					+ type.name().toLowerCase(java.util.Locale.ROOT) + " key");
		}
		if (this == TYPED) {
			if (!type.javaType().isInstance(key)) {
				throw new InvalidRecordException("Invalid key '" + key + "' of type " + key.getClass().getName()
						+ " for table '" + table.name() + "': expected a " + type.javaType().getName());
			}
			return key;
		}
		try {
			return type.convert(key);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRecordException("Invalid key for table '" + table.name() + "': " + ex.getMessage(), ex);
		}
	}

}
