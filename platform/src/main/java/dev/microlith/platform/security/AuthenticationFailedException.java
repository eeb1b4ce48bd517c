package dev.microlith.platform.security;

/** Credentials that do not identify a user: a wrong password, or an unknown, expired or revoked token. */
public class AuthenticationFailedException extends RuntimeException {

	public AuthenticationFailedException(String message) {
		super(message);
	}

}
