package dev.microlith.platform.security;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Who makes a request: an authenticated user with their roles, or the anonymous caller,
 * who has the {@value Roles#ANONYMOUS} role only.
 * @param name the user name, or {@code null} for the anonymous caller
 * @param roles the names of the caller's roles
 */
public record Caller(String name, Set<String> roles) implements Principal {

	/** The caller of a request that carries no credentials. */
	public static final Caller ANONYMOUS = new Caller(null, Set.of(Roles.ANONYMOUS));

	public Caller {
		roles = Set.copyOf(Objects.requireNonNull(roles, "'roles' must not be null"));
	}

	/** Returns whether the caller authenticated. */
	public boolean authenticated() {
		return this.name != null;
	}

	@Override
	public String getName() {
		return (this.name != null) ? this.name : "anonymous";
	}

}
