package dev.microlith.sdk.table;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A condition on records, built with the static factories and combined with
 * {@link #and(Condition)} and {@link #or(Condition)}.
 * <p>
 * A field is named by its JSON path: {@code country}, or {@code address.city} for a
 * nested field. On a list field, a condition matches when any element matches. Values are
 * compared by type: numbers as numbers, strings by their UTF-16 code units.
 */
public sealed interface Condition permits Condition.Comparison, Condition.Junction {

	static Condition eq(String field, Object value) {
		return new Comparison(field, Operator.EQ, List.of(value));
	}

	static Condition ne(String field, Object value) {
		return new Comparison(field, Operator.NE, List.of(value));
	}

	static Condition gt(String field, Object value) {
		return new Comparison(field, Operator.GT, List.of(value));
	}

	static Condition ge(String field, Object value) {
		return new Comparison(field, Operator.GE, List.of(value));
	}

	static Condition lt(String field, Object value) {
		return new Comparison(field, Operator.LT, List.of(value));
	}

	static Condition le(String field, Object value) {
		return new Comparison(field, Operator.LE, List.of(value));
	}

	/** Matches values from {@code low} to {@code high}, both included. */
	static Condition between(String field, Object low, Object high) {
		return new Comparison(field, Operator.BETWEEN, List.of(low, high));
	}

	static Condition in(String field, Object... values) {
		return new Comparison(field, Operator.IN, Arrays.asList(values));
	}

	/** Matches strings that start with {@code prefix}. */
	static Condition startsWith(String field, String prefix) {
		return new Comparison(field, Operator.STARTS_WITH, List.of(prefix));
	}

	/** Matches strings that contain {@code text}, and lists that contain {@code text} as an element. */
	static Condition contains(String field, Object text) {
		return new Comparison(field, Operator.CONTAINS, List.of(text));
	}

	/** Returns a condition that matches when both this and {@code other} match. */
	default Condition and(Condition other) {
		return new Junction(Junction.Kind.AND, List.of(this, other));
	}

	/** Returns a condition that matches when this or {@code other} matches. */
	default Condition or(Condition other) {
		return new Junction(Junction.Kind.OR, List.of(this, other));
	}

	/** The comparison operators. */
	enum Operator {

		EQ, NE, GT, GE, LT, LE, BETWEEN, IN, STARTS_WITH, CONTAINS

	}

	/**
	 * A comparison of one field with one or more values.
	 * @param field the JSON path of the field
	 * @param operator the operator
	 * @param values one value, two for {@code BETWEEN}, any number for {@code IN}
	 */
	record Comparison(String field, Operator operator, List<Object> values) implements Condition {

		public Comparison {
			Objects.requireNonNull(field, "'field' must not be null");
			Objects.requireNonNull(operator, "'operator' must not be null");
			values = List.copyOf(values);
		}

		/** Returns the single value of a one-value comparison. */
		public Object value() {
			return values.get(0);
		}

	}

	/**
	 * Conditions joined by {@code and} or {@code or}.
	 * @param kind how the conditions are joined
	 * @param conditions the joined conditions, at least one
	 */
	record Junction(Kind kind, List<Condition> conditions) implements Condition {

		public Junction {
			Objects.requireNonNull(kind, "'kind' must not be null");
			conditions = List.copyOf(conditions);
			if (conditions.isEmpty()) {
				throw new IllegalArgumentException("A junction needs at least one condition");
			}
		}

		/** How a junction joins its conditions. */
		public enum Kind {

			AND, OR

		}

	}

}
