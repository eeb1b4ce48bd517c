package dev.microlith.platform.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads the typed value of a literal written as text, in a query parameter or a CSV field.
 * <p>
 * A valid JSON number becomes a number ({@code Long} when it is an integer that fits,
 * {@code BigDecimal} for a larger integer, {@code Double} otherwise), {@code true} and
 * {@code false} become booleans, {@code null} becomes {@code null}, text in double quotes
 * becomes the string between them, and anything else stays a string. So {@code 03}, which
 * is not a JSON number, stays the string {@code "03"}.
 */
final class Literals {

	private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

	private static final Pattern JSON_INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

	private Literals() {
	}

	/** Returns the value of {@code text}, which must not be {@code null}. */
	static Object parse(String text) {
		if (isQuoted(text)) {
			return text.substring(1, text.length() - 1);
		}
		switch (text) {
			case "true":
				return Boolean.TRUE;
			case "false":
				return Boolean.FALSE;
			case "null":
				return null;
			default:
				break;
		}
		if (JSON_INTEGER.matcher(text).matches()) {
			BigInteger integer = new BigInteger(text);
			return (integer.bitLength() < 64) ? (Object) integer.longValue() : new BigDecimal(integer);
		}
		if (JSON_NUMBER.matcher(text).matches()) {
			return Double.parseDouble(text);
		}
		return text;
	}

	/** Returns the string in {@code text}, without its double quotes when it has them. */
	static String parseString(String text) {
		return isQuoted(text) ? text.substring(1, text.length() - 1) : text;
	}

	static boolean isQuoted(String text) {
		return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"");
	}

}
