package dev.microlith.platform.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.microlith.platform.storage.RecordCodec.FieldKind;
import dev.microlith.sdk.table.Condition;
import dev.microlith.sdk.table.Condition.Comparison;
import dev.microlith.sdk.table.Condition.Junction;
import dev.microlith.sdk.table.Condition.Operator;
import dev.microlith.sdk.table.InvalidQueryException;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Sort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks and runs queries over the committed records of one table.
 * <p>
 * A condition on an indexed field (equality, {@code in}, ranges, {@code startsWith})
 * selects candidate keys from the index; in an {@code and}, the first such condition
 * does, and an {@code or} uses indexes only when each of its branches can. Every
 * candidate is then checked against the whole condition, so an unindexed condition
 * filters a scan of the table in key order. Sorting collects the matches in memory.
 */
final class QueryRunner {

	private final TableState table;

	private final Map<String, FieldKind> fields;

	/**
	 * Creates a runner for {@code table}.
	 * @param fields the record type's top-level fields, or {@code null} to accept any field
	 */
	QueryRunner(TableState table, Map<String, FieldKind> fields) {
		this.table = table;
		this.fields = fields;
	}

	/**
	 * Returns the matching records in the query's order, lazily.
	 * @throws InvalidQueryException when the query names an unknown field or has a value
	 * of the wrong type
	 */
	Stream<Hit> run(Query query) {
		Predicate<JsonNode> predicate = check(query);
		Stream<Hit> hits = matches(query.condition(), predicate);
		if (!query.sort().isEmpty()) {
			hits = hits.sorted(comparator(query.sort()));
		}
		hits = hits.skip(query.offset());
		return (query.limit() >= 0) ? hits.limit(query.limit()) : hits;
	}

	/** Returns the number of records matching the query's condition, ignoring offset and limit. */
	long count(Query query) {
		Predicate<JsonNode> predicate = check(query);
		if (query.condition() == null) {
			return this.table.count();
		}
		return matches(query.condition(), predicate).count();
	}

	/**
	 * Checks the query's fields and values and returns the predicate of its condition, or
	 * {@code null} when it has none.
	 * @throws InvalidQueryException when the query names an unknown field or has a value
	 * of the wrong type
	 */
	Predicate<JsonNode> check(Query query) {
		query.sort().forEach((sort) -> checkField(sort.field()));
		query.fields().forEach(this::checkField);
		return (query.condition() != null) ? compile(query.condition()) : null;
	}

	private Stream<Hit> matches(Condition condition, Predicate<JsonNode> predicate) {
		Stream<Object> ordered = this.table.keys().stream();
		Comparison equality = (condition != null) ? indexedEquality(condition) : null;
		if (equality != null) {
			// The entries of one value are in key order already, so they stream without sorting.
			ordered = this.table.index(equality.field()).equal(JsonValues.normalize(equality.value()));
		}
		else if (condition != null) {
			Stream<Object> keys = candidates(condition);
			ordered = (keys != null) ? sortedKeys(keys).stream() : ordered;
		}
		Stream<Hit> hits = ordered.map(this::hit).filter((hit) -> hit != null);
		return (predicate != null) ? hits.filter((hit) -> predicate.test(hit.document())) : hits;
	}

	private NavigableSet<Object> sortedKeys(Stream<Object> keys) {
		NavigableSet<Object> sorted = new TreeSet<>(SecondaryIndex::compareKeys);
		keys.forEach(sorted::add);
		return sorted;
	}

	private Hit hit(Object key) {
		StoredRecord record = this.table.get(key);
		return (record != null) ? new Hit(key, record) : null;
	}

	private Predicate<JsonNode> compile(Condition condition) {
		if (condition instanceof Junction junction) {
			List<Predicate<JsonNode>> parts = new ArrayList<>();
			junction.conditions().forEach((part) -> parts.add(compile(part)));
			return (junction.kind() == Junction.Kind.AND) ? (doc) -> parts.stream().allMatch((p) -> p.test(doc))
					: (doc) -> parts.stream().anyMatch((p) -> p.test(doc));
		}
		Comparison comparison = (Comparison) condition;
		checkField(comparison.field());
		List<Object> values = checkValues(comparison);
		return Matchers.of(comparison.field(), comparison.operator(), values);
	}

	/** Returns the condition, or the first condition of an {@code and}, that is an equality on an indexed field. */
	private Comparison indexedEquality(Condition condition) {
		if (condition instanceof Comparison comparison) {
			return (comparison.operator() == Operator.EQ && this.table.index(comparison.field()) != null) ? comparison
					: null;
		}
		Junction junction = (Junction) condition;
		if (junction.kind() == Junction.Kind.OR) {
			return null;
		}
		for (Condition part : junction.conditions()) {
			Comparison equality = indexedEquality(part);
			if (equality != null) {
				return equality;
			}
		}
		return null;
	}

	private Stream<Object> candidates(Condition condition) {
		if (condition instanceof Junction junction) {
			return (junction.kind() == Junction.Kind.AND) ? firstIndexed(junction) : allIndexed(junction);
		}
		Comparison comparison = (Comparison) condition;
		SecondaryIndex index = this.table.index(comparison.field());
		return (index != null) ? lookUp(index, comparison) : null;
	}

	private Stream<Object> firstIndexed(Junction junction) {
		for (Condition part : junction.conditions()) {
			Stream<Object> keys = candidates(part);
			if (keys != null) {
				return keys;
			}
		}
		return null;
	}

	private Stream<Object> allIndexed(Junction junction) {
		Stream<Object> all = Stream.empty();
		for (Condition part : junction.conditions()) {
			Stream<Object> keys = candidates(part);
			if (keys == null) {
				return null;
			}
			all = Stream.concat(all, keys);
		}
		return all;
	}

	private Stream<Object> lookUp(SecondaryIndex index, Comparison comparison) {
		List<Object> values = normalized(comparison.values());
		Object value = values.get(0);
		return switch (comparison.operator()) {
			case EQ -> index.equal(value);
			case IN -> values.stream().flatMap(index::equal);
			case GT -> index.range(value, false, null, false);
			case GE -> index.range(value, true, null, false);
			case LT -> index.range(null, false, value, false);
			case LE -> index.range(null, false, value, true);
			case BETWEEN -> JsonValues.comparable(value, values.get(1)) ? index.range(value, true, values.get(1), true)
					: Stream.empty();
			case STARTS_WITH -> index.prefix((String) value);
			case NE, CONTAINS -> null;
		};
	}

	private Comparator<Hit> comparator(List<Sort> sort) {
		Comparator<Hit> comparator = null;
		for (Sort key : sort) {
			String[] path = JsonValues.path(key.field());
			Comparator<Hit> byField = Comparator.comparing((Hit hit) -> firstValue(hit, path),
					Comparator.nullsFirst(JsonValues::compare));
			byField = key.descending() ? byField.reversed() : byField;
			comparator = (comparator != null) ? comparator.thenComparing(byField) : byField;
		}
		return comparator.thenComparing((a, b) -> SecondaryIndex.compareKeys(a.key(), b.key()));
	}

	private static Object firstValue(Hit hit, String[] path) {
		List<Object> values = JsonValues.values(hit.document(), path);
		return values.isEmpty() ? null : values.get(0);
	}

	private void checkField(String field) {
		if (field.isBlank() || field.startsWith(".") || field.endsWith(".") || field.contains("..")) {
			throw new InvalidQueryException("Invalid field '" + field + "' in a query on table '" + this.table.name()
					+ "': expected a JSON path such as 'country' or 'address.city'");
		}
		if (this.fields == null || this.table.index(field) != null) {
			return;
		}
		if (!this.fields.containsKey(JsonValues.path(field)[0])) {
			throw new InvalidQueryException("Unknown field '" + field + "' in a query on table '" + this.table.name()
					+ "': expected one of " + this.fields.keySet() + " or an indexed field");
		}
	}

	private List<Object> checkValues(Comparison comparison) {
		int expected = switch (comparison.operator()) {
			case BETWEEN -> 2;
			case IN -> -1;
			default -> 1;
		};
		if (expected >= 0 && comparison.values().size() != expected) {
			throw new InvalidQueryException("Invalid " + comparison.operator() + " condition on field '"
					+ comparison.field() + "' of table '" + this.table.name() + "': expected " + expected
					+ " value(s), got " + comparison.values().size());
		}
		List<Object> values = normalized(comparison.values());
		for (int i = 0; i < values.size(); i++) {
			checkValue(comparison, comparison.values().get(i), values.get(i));
		}
		return values;
	}

	private void checkValue(Comparison comparison, Object given, Object value) {
		String where = " for field '" + comparison.field() + "' in a query on table '" + this.table.name() + "'";
		if (value == null) {
			throw new InvalidQueryException("Invalid value '" + given + "' of type "
					+ ((given != null) ? given.getClass().getName() : "null") + where
					+ ": expected a string, number, boolean or UUID");
		}
		if (comparison.operator() == Operator.STARTS_WITH && !(value instanceof String)) {
			throw new InvalidQueryException("Invalid prefix '" + given + "'" + where + ": expected a string");
		}
		FieldKind kind = (this.fields != null && !comparison.field().contains("."))
				? this.fields.getOrDefault(comparison.field(), FieldKind.ANY) : FieldKind.ANY;
		boolean fits = switch (kind) {
			case NUMBER -> value instanceof Number;
			case STRING -> value instanceof String;
			case BOOLEAN -> value instanceof Boolean;
			case ANY -> true;
		};
		if (!fits) {
			throw new InvalidQueryException("Invalid value '" + given + "'" + where + ": the field contains "
					+ kind.name().toLowerCase(java.util.Locale.ROOT) + " values, so compare it with a "
					+ kind.name().toLowerCase(java.util.Locale.ROOT));
		}
	}

	private static List<Object> normalized(List<Object> values) {
		List<Object> normalized = new ArrayList<>(values.size());
		values.forEach((value) -> normalized.add(JsonValues.normalize(value)));
		return normalized;
	}

	/** A matching record; its JSON is parsed on first use. */
	static final class Hit {

		private final Object key;

		private final StoredRecord record;

		private ObjectNode document;

		Hit(Object key, StoredRecord record) {
			this.key = key;
			this.record = record;
		}

		Object key() {
			return this.key;
		}

		StoredRecord record() {
			return this.record;
		}

		ObjectNode document() {
			if (this.document == null) {
				this.document = Json.readTree(this.record.json);
			}
			return this.document;
		}

	}

}
