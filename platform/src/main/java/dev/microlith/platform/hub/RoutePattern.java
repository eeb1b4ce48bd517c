package dev.microlith.platform.hub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed RSocket route pattern: dot-separated segments, each a literal, a variable
 * {@code {name}} that matches one segment, or, as the last segment only, a capture
 * {@code {*name}} that matches the rest of the route, dots included. In the values of
 * variables, {@code %2E} is decoded to a dot.
 * Instances are immutable.
 */
final class RoutePattern {

	private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_\\-]+");

	private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([A-Za-z][A-Za-z0-9_]*)}");

	private final String text;

	private final List<Segment> segments;

	private final boolean capturesRest;

	private RoutePattern(String text, List<Segment> segments, boolean capturesRest) {
		this.text = text;
		this.segments = segments;
		this.capturesRest = capturesRest;
	}

	/**
	 * Parses {@code text}.
	 * @throws IllegalArgumentException when a segment is empty, contains characters other
	 * than letters, digits, {@code _} and {@code -}, or is a malformed variable
	 */
	static RoutePattern parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("Invalid route pattern '" + text + "': expected dot-separated segments such as 'chat.{room}.join'");
		}
		String[] parts = text.split("\\.", -1);
		List<Segment> segments = new ArrayList<>(parts.length);
		boolean capturesRest = false;
		for (int i = 0; i < parts.length; i++) {
			Segment segment = parseSegment(text, parts[i]);
			if (segment.capturesRest() && i != parts.length - 1) {
				throw new IllegalArgumentException("Invalid route pattern '" + text + "': '" + parts[i]
						+ "' captures the rest of the route, so it must be the last segment");
			}
			capturesRest = segment.capturesRest();
			segments.add(segment);
		}
		return new RoutePattern(text, List.copyOf(segments), capturesRest);
	}

	private static Segment parseSegment(String text, String part) {
		if (LITERAL.matcher(part).matches()) {
			return new Segment(part, null, false);
		}
		var matcher = VARIABLE.matcher(part);
		if (matcher.matches()) {
			return new Segment(null, matcher.group(1), part.startsWith("{*"));
		}
		throw new IllegalArgumentException("Invalid route pattern '" + text + "': segment '" + part
				+ "' is neither a literal (letters, digits, '_', '-') nor a variable such as '{room}'");
	}

	/** Returns the pattern as it was written. */
	String text() {
		return this.text;
	}

	/** Returns the first segment when it is a literal, or {@code null}. */
	String firstLiteral() {
		return this.segments.get(0).literal();
	}

	/** Returns the number of literal segments, the more the more specific the pattern. */
	int literalCount() {
		return (int) this.segments.stream().filter((segment) -> segment.literal() != null).count();
	}

	/**
	 * Returns a key equal for patterns that match the same routes, whatever their
	 * variable names.
	 */
	String shape() {
		StringBuilder shape = new StringBuilder();
		for (Segment segment : this.segments) {
			shape.append(segment.literal() != null ? segment.literal() : (segment.capturesRest() ? "{**}" : "{*}"));
			shape.append('.');
		}
		return shape.toString();
	}

	/**
	 * Matches {@code route} against this pattern.
	 * @return the values of the variables, or {@code null} when the route does not match
	 */
	Map<String, String> match(String route) {
		Map<String, String> variables = new LinkedHashMap<>();
		int start = 0;
		for (int i = 0; i < this.segments.size(); i++) {
			Segment segment = this.segments.get(i);
			if (start > route.length()) {
				return null;
			}
			if (segment.capturesRest()) {
				String rest = route.substring(start);
				if (rest.isEmpty()) {
					return null;
				}
				variables.put(segment.variable(), decodeDots(rest));
				return variables;
			}
			int end = route.indexOf('.', start);
			boolean last = i == this.segments.size() - 1;
			if (last != (end < 0)) {
				return null;
			}
			end = last ? route.length() : end;
			String value = route.substring(start, end);
			if (value.isEmpty() || (segment.literal() != null && !segment.literal().equals(value))) {
				return null;
			}
			if (segment.variable() != null) {
				variables.put(segment.variable(), decodeDots(value));
			}
			start = end + 1;
		}
		return variables;
	}

	/**
	 * Decodes {@code %2E} to {@code .}: Spring's {@code RSocketRequester} encodes the dots in
	 * the values it expands into a route template, so that a value stays one segment.
	 */
	private static String decodeDots(String value) {
		if (value.indexOf('%') < 0) {
			return value;
		}
		return value.replace("%2E", ".").replace("%2e", ".");
	}

	@Override
	public String toString() {
		return this.text;
	}

	private record Segment(String literal, String variable, boolean capturesRest) {
	}

}
