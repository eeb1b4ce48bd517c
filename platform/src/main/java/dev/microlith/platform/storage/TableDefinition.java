package dev.microlith.platform.storage;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table as a component declares it.
 * @param name the table's name: a letter, then letters, digits, {@code _} or {@code -},
 * at most 64 characters
 * @param keyType the type of its keys
 * @param indexes its secondary indexes; each is sorted and serves equality and range
 * conditions on its field
 * @param timeToLive how long a record lives after its last write, or {@code null} for ever
 * @param exported whether the REST API and RSocket {@code tables.*} routes serve the table
 * @param owner the name of the component that declares the table
 */
public record TableDefinition(String name, KeyType keyType, List<IndexDefinition> indexes, Duration timeToLive,
		boolean exported, String owner) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

	public TableDefinition {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(keyType, "'keyType' must not be null");
		Objects.requireNonNull(owner, "'owner' must not be null");
		indexes = List.copyOf(indexes);
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid table name '" + name
					+ "': expected a letter followed by up to 63 letters, digits, '_' or '-'");
		}
		if (timeToLive != null && (timeToLive.isNegative() || timeToLive.isZero())) {
			throw new IllegalArgumentException(
					"Invalid time to live " + timeToLive + " for table '" + name + "': expected more than zero");
		}
	}

	/**
	 * A secondary index.
	 * @param field the JSON path of the indexed field, such as {@code country} or
	 * {@code address.city}; on a list, every element is indexed
	 */
	public record IndexDefinition(String field) {

		public IndexDefinition {
			Objects.requireNonNull(field, "'field' must not be null");
			if (field.isBlank() || field.startsWith(".") || field.endsWith(".") || field.contains("..")) {
				throw new IllegalArgumentException(
						"Invalid index field '" + field + "': expected a JSON path such as 'country' or 'address.city'");
			}
		}

	}

}
