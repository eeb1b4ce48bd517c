package dev.microlith.sdk.table;

import java.util.Objects;

/**
 * One sort key of a {@link Query}. Records without the field sort first.
 * @param field the JSON path of the field
 * @param descending whether larger values come first
 */
public record Sort(String field, boolean descending) {

	public Sort {
		Objects.requireNonNull(field, "'field' must not be null");
	}

	public static Sort ascending(String field) {
		return new Sort(field, false);
	}

	public static Sort descending(String field) {
		return new Sort(field, true);
	}

}
