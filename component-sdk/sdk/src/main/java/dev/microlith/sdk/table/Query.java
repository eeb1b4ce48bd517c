package dev.microlith.sdk.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable query: an optional condition, a sort order, an offset and a limit.
 * <pre>{@code
 * Query query = Query.where(Condition.eq("country", "FR").and(Condition.startsWith("name", "Saint")))
 *     .sort(Sort.ascending("name"))
 *     .limit(20);
 * }</pre>
 * @param condition the condition records must match, or {@code null} for every record
 * @param sort sort keys, applied in order; empty keeps the key order
 * @param offset how many matching records to skip
 * @param limit the maximum number of records to return, or {@code -1} for no limit
 * @param fields the fields to keep in each record, or empty for all of them
 */
public record Query(Condition condition, List<Sort> sort, long offset, long limit, List<String> fields) {

	public Query {
		sort = List.copyOf(sort);
		fields = List.copyOf(fields);
		if (offset < 0) {
			throw new IllegalArgumentException("Invalid offset " + offset + ": expected zero or more");
		}
		if (limit < -1) {
			throw new IllegalArgumentException("Invalid limit " + limit + ": expected zero or more, or -1 for none");
		}
	}

	/** Returns a query matching every record. */
	public static Query all() {
		return new Query(null, List.of(), 0, -1, List.of());
	}

	/** Returns a query matching records that satisfy {@code condition}. */
	public static Query where(Condition condition) {
		return new Query(Objects.requireNonNull(condition, "'condition' must not be null"), List.of(), 0, -1,
				List.of());
	}

	/** Returns the condition, or empty when the query matches every record. */
	public Optional<Condition> conditionIfAny() {
		return Optional.ofNullable(condition);
	}

	/** Returns a copy that sorts by {@code keys} after any sort keys already set. */
	public Query sort(Sort... keys) {
		List<Sort> combined = new ArrayList<>(sort);
		combined.addAll(List.of(keys));
		return new Query(condition, combined, offset, limit, fields);
	}

	/** Returns a copy that skips the first {@code offset} matching records. */
	public Query offset(long offset) {
		return new Query(condition, sort, offset, limit, fields);
	}

	/** Returns a copy that returns at most {@code limit} records. */
	public Query limit(long limit) {
		return new Query(condition, sort, offset, limit, fields);
	}

	/** Returns a copy that keeps only {@code names} in each returned document. */
	public Query select(String... names) {
		return new Query(condition, sort, offset, limit, List.of(names));
	}

}
