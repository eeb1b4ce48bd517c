package dev.microlith.platform.storage;

import java.util.List;
import java.util.function.Predicate;

import dev.microlith.sdk.table.Condition.Operator;
import tools.jackson.databind.JsonNode;

/**
 * Predicates for one comparison on a JSON document. On a list, a comparison matches when
 * any element matches, and {@code NE} matches when no element equals the value (so a
 * record without the field matches it). Values of different kinds never compare.
 */
final class Matchers {

	private Matchers() {
	}

	/** Returns the predicate for {@code field operator values}; {@code values} are normalised. */
	static Predicate<JsonNode> of(String field, Operator operator, List<Object> values) {
		String[] path = JsonValues.path(field);
		Object value = values.isEmpty() ? null : values.get(0);
		return switch (operator) {
			case EQ -> any(path, (v) -> equal(v, value));
			case NE -> any(path, (v) -> equal(v, value)).negate();
			case GT -> any(path, (v) -> JsonValues.comparable(v, value) && JsonValues.compare(v, value) > 0);
			case GE -> any(path, (v) -> JsonValues.comparable(v, value) && JsonValues.compare(v, value) >= 0);
			case LT -> any(path, (v) -> JsonValues.comparable(v, value) && JsonValues.compare(v, value) < 0);
			case LE -> any(path, (v) -> JsonValues.comparable(v, value) && JsonValues.compare(v, value) <= 0);
			case BETWEEN -> any(path, (v) -> equalOrAbove(v, value) && equalOrAbove(values.get(1), v));
			case IN -> any(path, (v) -> values.stream().anyMatch((candidate) -> equal(v, candidate)));
			case STARTS_WITH -> any(path, (v) -> v instanceof String text && text.startsWith((String) value));
			case CONTAINS -> contains(path, value);
		};
	}

	private static Predicate<JsonNode> any(String[] path, Predicate<Object> test) {
		return (document) -> {
			for (Object value : JsonValues.values(document, path)) {
				if (test.test(value)) {
					return true;
				}
			}
			return false;
		};
	}

	private static Predicate<JsonNode> contains(String[] path, Object value) {
		Predicate<JsonNode> element = any(path, (v) -> equal(v, value));
		Predicate<JsonNode> substring = any(path,
				(v) -> v instanceof String text && value instanceof String part && text.contains(part));
		return (document) -> {
			JsonNode node = JsonValues.node(document, path);
			return (node != null && node.isArray()) ? element.test(document) : substring.test(document);
		};
	}

	private static boolean equal(Object a, Object b) {
		return JsonValues.comparable(a, b) && JsonValues.compare(a, b) == 0;
	}

	private static boolean equalOrAbove(Object a, Object b) {
		return JsonValues.comparable(a, b) && JsonValues.compare(a, b) >= 0;
	}

}
