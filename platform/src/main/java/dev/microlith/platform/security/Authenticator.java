package dev.microlith.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks passwords and tokens against the {@link SecurityStore}, throttles failed logins
 * per user and per client address, and records failures in the {@link AuditLog}.
 * <p>
 * Hashing a password on purpose takes tens of milliseconds, so that stolen hashes are
 * slow to attack. To keep HTTP Basic usable for every request, a successful check is
 * remembered for {@value #VERIFIED_SECONDS} seconds as a SHA-256 of the password, as long
 * as the stored hash does not change. Password checks run on a bounded elastic thread,
 * never on an event loop. Thread-safe.
 */
public class Authenticator {

	static final long VERIFIED_SECONDS = 300;

	private final SecurityStore store;

	private final PasswordEncoder encoder;

	private final LoginThrottle throttle;

	private final AuditLog audit;

	private final Clock clock;

	private final String unknownUserHash;

	private final Map<String, Verified> verified = new ConcurrentHashMap<>();

	public Authenticator(SecurityStore store, PasswordEncoder encoder, SecurityProperties properties, AuditLog audit,
			Clock clock) {
		this.store = store;
		this.encoder = encoder;
		this.throttle = new LoginThrottle(properties.getLoginFailures(), properties.getLoginLockout(), clock);
		this.audit = audit;
		this.clock = clock;
		this.unknownUserHash = encoder.encode("no such user");
	}

	/**
	 * Authenticates a user name and password.
	 * @param address the client address, or {@code null} when unknown
	 * @return the caller; or an error {@link AuthenticationFailedException} or
	 * {@link LoginThrottledException}
	 */
	public Mono<Caller> password(String name, String password, String address) {
		return Mono.defer(() -> {
			this.throttle.check(name, address);
			Optional<SecurityStore.User> user = this.store.user(name);
			if (user.isPresent() && remembered(user.get(), password)) {
				return Mono.just(new Caller(name, user.get().roles()));
			}
			return Mono.fromCallable(() -> matches(user, password))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((matches) -> {
					if (!matches) {
						return Mono.error(failed(name, address, "password"));
					}
					this.throttle.succeeded(name);
					this.verified.put(name, new Verified(user.get().passwordHash(), SecurityStore.sha256(password),
							this.clock.instant().plusSeconds(VERIFIED_SECONDS)));
					return Mono.just(new Caller(name, user.get().roles()));
				});
		});
	}

	/**
	 * Authenticates a token issued by the node. Tokens are not throttled: they are 256
	 * random bits, which cannot be guessed, and a lockout of the client's address after
	 * failed password logins must not stop the valid tokens of other users there.
	 * @return the token's user as the caller; or an error
	 * {@link AuthenticationFailedException} for an unknown, expired or revoked token
	 */
	public Mono<Caller> token(String token, String address) {
		return Mono.fromCallable(() -> {
			Optional<SecurityStore.TokenInfo> info = this.store.token(token);
			if (info.isEmpty() || !info.get().expires().isAfter(this.clock.instant())) {
				throw tokenFailed(null, address, info.isEmpty() ? "unknown or revoked token" : "expired token");
			}
			Optional<SecurityStore.User> user = this.store.user(info.get().user());
			if (user.isEmpty()) {
				throw tokenFailed(info.get().user(), address, "token of a removed user");
			}
			return new Caller(user.get().name(), user.get().roles());
		});
	}

	/** Checks the password. For an unknown user it spends the same time and fails, so timing reveals nothing. */
	private boolean matches(Optional<SecurityStore.User> user, String password) {
		if (user.isEmpty()) {
			this.encoder.matches(password, this.unknownUserHash);
			return false;
		}
		return this.encoder.matches(password, user.get().passwordHash());
	}

	private boolean remembered(SecurityStore.User user, String password) {
		Verified entry = this.verified.get(user.name());
		return entry != null && entry.expires().isAfter(this.clock.instant())
				&& entry.storedHash().equals(user.passwordHash())
				&& entry.passwordDigest().equals(SecurityStore.sha256(password));
	}

	private AuthenticationFailedException failed(String name, String address, String what) {
		this.audit.record("login-failed", name, address, what);
		if (this.throttle.failed(name, address)) {
			this.audit.record("login-locked", name, address, "logins of this user or from this address are refused "
					+ "for the lockout period");
		}
		return new AuthenticationFailedException("Invalid user name or password");
	}

	private AuthenticationFailedException tokenFailed(String name, String address, String what) {
		this.audit.record("token-failed", name, address, what);
		return new AuthenticationFailedException("Invalid token: " + what + "; request a new one with POST /auth/tokens");
	}

	/** A password that matched a stored hash recently. */
	private record Verified(String storedHash, String passwordDigest, Instant expires) {
	}

}
