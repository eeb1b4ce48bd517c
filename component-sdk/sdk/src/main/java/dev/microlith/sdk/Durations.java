package dev.microlith.sdk;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written in ISO-8601 ({@code PT5S}) or as a number with a unit
 * ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}), the two forms that
 * descriptors and component configuration accept.
 */
public final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

	private Durations() {
	}

	/**
	 * Parses {@code value}.
	 * @param name what the value configures, used in the error message
	 * @param value the text to parse
	 * @return the duration, never negative
	 * @throws IllegalArgumentException when the value is not a duration or is negative
	 */
	public static Duration parse(String name, String value) {
		String text = (value != null) ? value.trim() : "";
		Matcher matcher = SIMPLE.matcher(text);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			Duration duration = Duration.parse(text);
			if (duration.isNegative()) {
				throw new IllegalArgumentException(
						"Invalid duration '" + value + "' for '" + name + "': expected zero or more");
			}
			return duration;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Invalid duration '" + value + "' for '" + name
					+ "': expected a number with a unit (500ms, 5s, 2m, 1h, 1d) or ISO-8601 (PT5S)", ex);
		}
	}

}
