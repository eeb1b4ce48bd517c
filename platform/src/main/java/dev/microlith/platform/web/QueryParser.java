package dev.microlith.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;

import dev.microlith.sdk.table.Condition;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Sort;

/**
 * Reads a table query from the parameters of {@code GET /api/{table}}.
 * <p>
 * Each parameter other than {@code sort}, {@code limit}, {@code offset}, {@code select}
 * and {@code count} is a condition on the field it names, and conditions are combined with
 * "and". The value is a literal (see {@link Literals}), compared for equality, or an
 * operator in the FIQL style followed by a literal: {@code population=gt=10000}. A value
 * that starts with lower-case letters and {@code =} is always read as an operator, so a
 * string of that form must be written in double quotes. Thread-safe.
 */
final class QueryParser {

	static final Set<String> RESERVED = Set.of("sort", "limit", "offset", "select", "count");

	private static final Pattern OPERATOR = Pattern.compile("([a-z]+)=(.*)", Pattern.DOTALL);

	private static final Map<String, Condition.Operator> OPERATORS = Map.of("eq", Condition.Operator.EQ, "ne",
			Condition.Operator.NE, "gt", Condition.Operator.GT, "ge", Condition.Operator.GE, "lt",
			Condition.Operator.LT, "le", Condition.Operator.LE, "sw", Condition.Operator.STARTS_WITH, "ct",
			Condition.Operator.CONTAINS, "in", Condition.Operator.IN);

	private static final String OPERATOR_NAMES = "=eq=, =ne=, =gt=, =ge=, =lt=, =le=, =sw=, =ct=, =in=";

	private QueryParser() {
	}

	/**
	 * Returns the query that {@code parameters} describe.
	 * @throws InvalidParameterException naming the parameter, its value and what was expected
	 */
	static TableQuery parse(MultiValueMap<String, String> parameters) {
		Query query = Query.all();
		Condition condition = null;
		for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
			if (RESERVED.contains(parameter.getKey())) {
				continue;
			}
			for (String value : parameter.getValue()) {
				Condition next = condition(parameter.getKey(), value);
				condition = (condition != null) ? condition.and(next) : next;
			}
		}
		if (condition != null) {
			query = Query.where(condition);
		}
		query = query.sort(sort(parameters.getOrDefault("sort", List.of())).toArray(Sort[]::new));
		query = query.offset(number(parameters, "offset", 0));
		query = query.limit(number(parameters, "limit", -1));
		List<String> select = fields(parameters.getOrDefault("select", List.of()), "select");
		query = select.isEmpty() ? query : query.select(select.toArray(String[]::new));
		return new TableQuery(query, bool(parameters, "count"));
	}

	/**
	 * Returns the condition {@code field=value}.
	 * @throws InvalidParameterException when the field, the operator or the value is invalid
	 */
	static Condition condition(String field, String value) {
		checkField(field, value);
		Matcher matcher = OPERATOR.matcher(value);
		if (!matcher.matches()) {
			return Condition.eq(field, literal(field, value, value));
		}
		Condition.Operator operator = OPERATORS.get(matcher.group(1));
		if (operator == null) {
			throw new InvalidParameterException(field, value, "Unknown operator '=" + matcher.group(1)
					+ "=' in parameter '" + field + "=" + value + "': expected one of " + OPERATOR_NAMES
					+ ", or a plain value; write a value that contains '=' in double quotes");
		}
		String operand = matcher.group(2);
		return switch (operator) {
			case IN -> Condition.in(field, list(field, value, operand).toArray());
			case STARTS_WITH -> Condition.startsWith(field, nonEmpty(field, value, Literals.parseString(operand)));
			case CONTAINS -> Condition.contains(field, literal(field, value, operand));
			default -> new Condition.Comparison(field, operator, List.of(literal(field, value, operand)));
		};
	}

	private static Object literal(String field, String value, String operand) {
		Object literal = Literals.parse(operand);
		if (literal == null) {
			throw new InvalidParameterException(field, value, "Invalid value null in parameter '" + field + "="
					+ value + "': records cannot be compared with null; to match the string \"null\", write it in double quotes");
		}
		return literal;
	}

	private static String nonEmpty(String field, String value, String prefix) {
		if (prefix.isEmpty()) {
			throw new InvalidParameterException(field, value,
					"Missing prefix in parameter '" + field + "=" + value + "': expected text after '=sw='");
		}
		return prefix;
	}

	private static List<Object> list(String field, String value, String operand) {
		List<Object> values = new ArrayList<>();
		for (String element : split(operand)) {
			values.add(literal(field, value, element));
		}
		if (operand.isEmpty() || values.isEmpty()) {
			throw new InvalidParameterException(field, value, "Missing values in parameter '" + field + "=" + value
					+ "': expected a comma-separated list such as =in=FR,DE");
		}
		return values;
	}

	/** Splits on commas outside double quotes. */
	private static List<String> split(String text) {
		List<String> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == ',' && !quoted) {
				parts.add(part.toString());
				part.setLength(0);
			}
			else {
				part.append(c);
			}
		}
		parts.add(part.toString());
		return parts;
	}

	private static void checkField(String field, String value) {
		if (field.isEmpty() || field.startsWith(".") || field.endsWith(".") || field.contains("..")) {
			throw new InvalidParameterException(field, value, "Invalid field name '" + field + "' in parameter '"
					+ field + "=" + value + "': expected a field such as 'country', or 'address.city' for a nested one");
		}
	}

	private static List<Sort> sort(List<String> values) {
		List<Sort> sort = new ArrayList<>();
		for (String field : fields(values, "sort")) {
			boolean descending = field.startsWith("-");
			String name = (descending || field.startsWith("+")) ? field.substring(1) : field;
			sort.add(new Sort(name, descending));
		}
		return sort;
	}

	private static List<String> fields(List<String> values, String parameter) {
		List<String> fields = new ArrayList<>();
		for (String value : values) {
			for (String field : value.split(",", -1)) {
				checkListedField(parameter, value, field.trim());
				fields.add(field.trim());
			}
		}
		return fields;
	}

	private static void checkListedField(String parameter, String value, String field) {
		String name = field.startsWith("-") || field.startsWith("+") ? field.substring(1) : field;
		if (name.isEmpty()) {
			throw new InvalidParameterException(parameter, value, "Invalid field '" + field + "' in parameter '"
					+ parameter + "=" + value + "': expected comma-separated field names such as "
					+ ("sort".equals(parameter) ? "'name,-population' (a minus sorts descending)" : "'name,country'"));
		}
	}

	private static long number(MultiValueMap<String, String> parameters, String name, long absent) {
		String value = single(parameters, name);
		if (value == null) {
			return absent;
		}
		long number;
		try {
			number = Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw invalidNumber(name, value, ex);
		}
		if (number < 0) {
			throw invalidNumber(name, value, null);
		}
		return number;
	}

	private static InvalidParameterException invalidNumber(String name, String value, Throwable cause) {
		InvalidParameterException ex = new InvalidParameterException(name, value,
				"Invalid " + name + " '" + value + "': expected an integer of zero or more");
		if (cause != null) {
			ex.initCause(cause);
		}
		return ex;
	}

	private static boolean bool(MultiValueMap<String, String> parameters, String name) {
		String value = single(parameters, name);
		if (value == null || value.equals("true") || value.isEmpty()) {
			return value != null;
		}
		if (value.equals("false")) {
			return false;
		}
		throw new InvalidParameterException(name, value,
				"Invalid " + name + " '" + value + "': expected true or false");
	}

	private static String single(MultiValueMap<String, String> parameters, String name) {
		List<String> values = parameters.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new InvalidParameterException(name, String.join(",", values),
					"Parameter '" + name + "' given " + values.size() + " times: expected it once");
		}
		return values.get(0);
	}

	/**
	 * A query read from request parameters.
	 * @param query the table query
	 * @param count whether the response should carry the total number of matches
	 */
	record TableQuery(Query query, boolean count) {
	}

}
