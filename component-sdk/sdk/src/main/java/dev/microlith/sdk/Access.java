package dev.microlith.sdk;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who may call one of a component's HTTP or RSocket routes. A route registered without
 * an access rule needs an authenticated caller ({@link #AUTHENTICATED}).
 * <p>
 * A permission is a name the component chooses, such as {@code write}. The node's
 * administrators grant it to roles as {@code <component>:<permission>}, for example
 * {@code todo:write}; the {@code admin} role has every permission.
 */
public final class Access {

	/** Anyone, including callers that did not authenticate. */
	public static final Access PUBLIC = new Access(Kind.PUBLIC, null);

	/** Any authenticated caller, whatever their roles. */
	public static final Access AUTHENTICATED = new Access(Kind.AUTHENTICATED, null);

	private static final Pattern PERMISSION = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

	private final Kind kind;

	private final String permission;

	private Access(Kind kind, String permission) {
		this.kind = kind;
		this.permission = permission;
	}

	/**
	 * Returns the rule that callers need {@code name}, a permission of this component.
	 * @param name a lower-case letter, then up to 63 lower-case letters, digits, {@code _}
	 * or {@code -}
	 * @throws IllegalArgumentException when the name is not valid
	 */
	public static Access permission(String name) {
		if (name == null || !PERMISSION.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid permission name '" + name
					+ "': expected a lower-case letter, then up to 63 lower-case letters, digits, '_' or '-'");
		}
		return new Access(Kind.PERMISSION, name);
	}

	/** Returns what kind of rule this is. */
	public Kind kind() {
		return this.kind;
	}

	/** Returns the permission name of a {@link Kind#PERMISSION} rule, or {@code null}. */
	public String permissionName() {
		return this.permission;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Access that && this.kind == that.kind && Objects.equals(this.permission, that.permission);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.permission);
	}

	@Override
	public String toString() {
		return (this.kind == Kind.PERMISSION) ? "permission '" + this.permission + "'" : this.kind.name().toLowerCase();
	}

	/** The kinds of access rule. */
	public enum Kind {

		/** Anyone. */
		PUBLIC,

		/** Any authenticated caller. */
		AUTHENTICATED,

		/** Callers whose roles grant a permission of the component. */
		PERMISSION

	}

}
