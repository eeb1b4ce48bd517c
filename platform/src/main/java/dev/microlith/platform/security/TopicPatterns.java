package dev.microlith.platform.security;

/**
 * Topic patterns in roles: topics are {@code /}-separated levels, {@code +} matches one
 * level and a final {@code #} matches any remaining levels, as the hub's subscriptions do.
 */
final class TopicPatterns {

	private TopicPatterns() {
	}

	/**
	 * Checks the syntax of a pattern.
	 * @throws IllegalArgumentException naming the mistake
	 */
	static String check(String pattern) {
		if (pattern == null || pattern.isEmpty()) {
			throw new IllegalArgumentException("Invalid topic pattern '" + pattern + "': expected levels separated by '/'");
		}
		String[] levels = pattern.split("/", -1);
		for (int i = 0; i < levels.length; i++) {
			String level = levels[i];
			if (level.isEmpty()) {
				throw new IllegalArgumentException("Invalid topic pattern '" + pattern + "': level " + (i + 1) + " is empty");
			}
			if (level.equals("#") && i != levels.length - 1) {
				throw new IllegalArgumentException("Invalid topic pattern '" + pattern + "': '#' must be the last level");
			}
			if (!level.equals("#") && !level.equals("+") && (level.contains("#") || level.contains("+"))) {
				throw new IllegalArgumentException("Invalid topic pattern '" + pattern
						+ "': '+' and '#' must fill a whole level");
			}
		}
		return pattern;
	}

	/**
	 * Returns whether every topic that {@code requested} matches is also matched by
	 * {@code granted}. A topic without wildcards is its own pattern, so this also returns
	 * whether {@code granted} matches a topic.
	 */
	static boolean covers(String granted, String requested) {
		String[] grantedLevels = granted.split("/", -1);
		String[] requestedLevels = requested.split("/", -1);
		for (int i = 0; i < grantedLevels.length; i++) {
			String level = grantedLevels[i];
			if (level.equals("#")) {
				return true;
			}
			if (i >= requestedLevels.length) {
				return false;
			}
			String other = requestedLevels[i];
			if (other.equals("#")) {
				return false;
			}
			if (level.equals("+")) {
				continue;
			}
			if (other.equals("+") || !level.equals(other)) {
				return false;
			}
		}
		return grantedLevels.length == requestedLevels.length;
	}

}
