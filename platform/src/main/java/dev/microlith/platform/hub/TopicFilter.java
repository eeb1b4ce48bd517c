package dev.microlith.platform.hub;

/**
 * A parsed subscription pattern: a topic whose levels may be {@code +} (exactly one level)
 * or, as the last level, {@code #} (any remaining levels, including none). Instances are
 * immutable.
 */
final class TopicFilter {

	/** The maximum length of a topic or pattern, in characters. */
	static final int MAX_LENGTH = 1024;

	private final String text;

	private final String[] levels;

	private final boolean wildcard;

	private TopicFilter(String text, String[] levels, boolean wildcard) {
		this.text = text;
		this.levels = levels;
		this.wildcard = wildcard;
	}

	/**
	 * Parses a subscription pattern.
	 * @throws InvalidTopicException when a level is empty, a wildcard is not a whole
	 * level, or {@code #} is not the last level
	 */
	static TopicFilter parse(String pattern) {
		String[] levels = splitLevels(pattern, "pattern");
		boolean wildcard = false;
		for (int i = 0; i < levels.length; i++) {
			String level = levels[i];
			if (level.equals("+") || level.equals("#")) {
				wildcard = true;
				if (level.equals("#") && i != levels.length - 1) {
					throw new InvalidTopicException("Invalid topic pattern '" + pattern
							+ "': '#' matches the remaining levels, so it must be the last level, as in 'chat/#'");
				}
			}
			else if (level.indexOf('+') >= 0 || level.indexOf('#') >= 0) {
				throw new InvalidTopicException("Invalid topic pattern '" + pattern + "': level '" + level
						+ "' mixes a wildcard with text; '+' and '#' must be whole levels, as in 'chat/+/messages'");
			}
		}
		return new TopicFilter(pattern, levels, wildcard);
	}

	/**
	 * Checks that {@code topic} is a topic to publish to.
	 * @throws InvalidTopicException when it is empty, too long, has an empty level or a
	 * wildcard
	 */
	static void validateTopic(String topic) {
		for (String level : splitLevels(topic, "topic")) {
			if (level.indexOf('+') >= 0 || level.indexOf('#') >= 0) {
				throw new InvalidTopicException("Invalid topic '" + topic
						+ "': '+' and '#' are wildcards for subscriptions and cannot appear in a published topic");
			}
		}
	}

	/** Returns the first level of {@code topic}, the prefix that metrics are tagged with. */
	static String firstLevel(String topic) {
		int slash = topic.indexOf('/');
		return (slash < 0) ? topic : topic.substring(0, slash);
	}

	private static String[] splitLevels(String text, String kind) {
		if (text == null || text.isEmpty()) {
			throw new InvalidTopicException("Missing " + kind + ": expected levels separated by '/', such as 'chat/rooms/42'");
		}
		if (text.length() > MAX_LENGTH) {
			throw new InvalidTopicException("Invalid " + kind + " of " + text.length() + " characters: expected at most "
					+ MAX_LENGTH);
		}
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i))) {
				throw new InvalidTopicException("Invalid " + kind + " '" + text.replaceAll("\\p{Cntrl}", "?")
						+ "': control characters are not allowed");
			}
		}
		String[] levels = text.split("/", -1);
		for (String level : levels) {
			if (level.isEmpty()) {
				throw new InvalidTopicException("Invalid " + kind + " '" + text
						+ "': empty level; levels are separated by a single '/' with no leading or trailing '/'");
			}
		}
		return levels;
	}

	/** Returns the pattern as written. */
	String text() {
		return this.text;
	}

	/** Returns whether the pattern has a wildcard; without one it matches only itself. */
	boolean hasWildcard() {
		return this.wildcard;
	}

	/** Returns whether {@code topic}, a valid topic, matches this pattern. */
	boolean matches(String topic) {
		if (!this.wildcard) {
			return this.text.equals(topic);
		}
		int start = 0;
		for (int i = 0; i < this.levels.length; i++) {
			String level = this.levels[i];
			if (level.equals("#")) {
				return true;
			}
			if (start > topic.length()) {
				return false;
			}
			int end = topic.indexOf('/', start);
			if (end < 0) {
				end = topic.length();
			}
			boolean literal = !level.equals("+");
			if (literal && (end - start != level.length() || !topic.regionMatches(start, level, 0, level.length()))) {
				return false;
			}
			start = end + 1;
		}
		return start > topic.length();
	}

	@Override
	public String toString() {
		return this.text;
	}

}
