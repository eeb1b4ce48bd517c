package dev.microlith.platform.security;

/**
 * A caller that does not meet a request's {@link Requirement}. When the caller is
 * anonymous, authenticating may help ({@link #authenticationRequired()}); otherwise the
 * caller's roles lack the grant.
 */
public class NotPermittedException extends RuntimeException {

	private final boolean authenticationRequired;

	public NotPermittedException(String message, boolean authenticationRequired) {
		super(message);
		this.authenticationRequired = authenticationRequired;
	}

	/** Returns whether the caller is anonymous, so that credentials may help. */
	public boolean authenticationRequired() {
		return this.authenticationRequired;
	}

}
