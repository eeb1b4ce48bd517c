package dev.microlith.platform.security;

import java.util.regex.Pattern;

/** Names of the built-in roles and the rule for role and user names. */
public final class Roles {

	/** The role that may do everything. It cannot be changed or removed. */
	public static final String ADMIN = "admin";

	/** The role of callers that did not authenticate. It grants nothing until an admin changes it. */
	public static final String ANONYMOUS = "anonymous";

	static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.@-]{0,63}");

	private Roles() {
	}

	/**
	 * Checks a user or role name.
	 * @param what {@code user} or {@code role}, used in the message
	 * @throws IllegalArgumentException when the name is not valid
	 */
	static String checkName(String what, String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid " + what + " name '" + name
					+ "': expected a letter, then up to 63 letters, digits, '_', '.', '@' or '-'");
		}
		return name;
	}

}
