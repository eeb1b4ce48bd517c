package dev.microlith.platform.storage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * Reads scalar values out of JSON documents by path, and orders them.
 * <p>
 * Values are normalised to {@code Boolean}, {@code Long}, {@code Double}, {@code BigDecimal}
 * or {@code String}. They order by kind first (booleans, then numbers, then strings), and
 * within a kind numbers compare numerically and strings by UTF-16 code units.
 */
final class JsonValues {

	private JsonValues() {
	}

	/** Splits a JSON path such as {@code address.city} into its names. */
	static String[] path(String field) {
		return field.split("\\.", -1);
	}

	/**
	 * Returns the scalar values at {@code path}; a list met on the way contributes each
	 * element. A missing field or JSON {@code null} contributes nothing.
	 */
	static List<Object> values(JsonNode document, String[] path) {
		List<Object> values = new ArrayList<>(1);
		collect(document, path, 0, values);
		return values;
	}

	/** Returns the node at {@code path} without flattening lists, or {@code null}. */
	static JsonNode node(JsonNode document, String[] path) {
		JsonNode node = document;
		for (String name : path) {
			if (node == null || !node.isObject()) {
				return null;
			}
			node = node.get(name);
		}
		return node;
	}

	private static void collect(JsonNode node, String[] path, int depth, List<Object> values) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return;
		}
		if (node.isArray()) {
			for (JsonNode element : node) {
				collect(element, path, depth, values);
			}
			return;
		}
		if (depth == path.length) {
			Object scalar = scalar(node);
			if (scalar != null) {
				values.add(scalar);
			}
			return;
		}
		if (node.isObject()) {
			collect(node.get(path[depth]), path, depth + 1, values);
		}
	}

	/** Returns the normalised value of a scalar node, or {@code null} for objects and nulls. */
	static Object scalar(JsonNode node) {
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return node.canConvertToLong() ? (Object) node.longValue() : new BigDecimal(node.bigIntegerValue());
		}
		if (node.isBigDecimal()) {
			return node.decimalValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		return null;
	}

	/**
	 * Normalises a value given in a query, or returns {@code null} when it is not a JSON
	 * scalar (string, number, boolean, UUID or enum constant).
	 */
	static Object normalize(Object value) {
		if (value instanceof String || value instanceof Boolean || value instanceof Long) {
			return value;
		}
		if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof Double || value instanceof Float) {
			return ((Number) value).doubleValue();
		}
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof BigInteger integer) {
			return new BigDecimal(integer);
		}
		if (value instanceof UUID || value instanceof Character) {
			return value.toString();
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		return null;
	}

	/** Returns the kind rank used to order values of different kinds. */
	static int rank(Object value) {
		if (value instanceof Boolean) {
			return 0;
		}
		if (value instanceof Number) {
			return 1;
		}
		return 2;
	}

	/** Returns whether two normalised values are of the same kind and so comparable. */
	static boolean comparable(Object a, Object b) {
		return rank(a) == rank(b);
	}

	/** Compares two normalised values, by kind first. */
	static int compare(Object a, Object b) {
		int byRank = Integer.compare(rank(a), rank(b));
		if (byRank != 0) {
			return byRank;
		}
		if (a instanceof Long x && b instanceof Long y) {
			return Long.compare(x, y);
		}
		if (a instanceof Number x && b instanceof Number y) {
			return compareNumbers(x, y);
		}
		if (a instanceof Boolean x) {
			return Boolean.compare(x, (Boolean) b);
		}
		return ((String) a).compareTo((String) b);
	}

	private static int compareNumbers(Number a, Number b) {
		if (isFinite(a) && isFinite(b)) {
			return decimal(a).compareTo(decimal(b));
		}
		return Double.compare(a.doubleValue(), b.doubleValue());
	}

	private static boolean isFinite(Number number) {
		return !(number instanceof Double value) || Double.isFinite(value);
	}

	private static BigDecimal decimal(Number number) {
		if (number instanceof BigDecimal decimal) {
			return decimal;
		}
		if (number instanceof Long value) {
			return BigDecimal.valueOf(value);
		}
		return BigDecimal.valueOf(number.doubleValue());
	}

}
