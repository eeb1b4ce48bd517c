package dev.microlith.platform.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.microlith.platform.security.Caller;
import dev.microlith.platform.security.SecurityProperties;
import dev.microlith.platform.security.SecurityStore;
import dev.microlith.sdk.Durations;

/**
 * The caller's own session with the node: {@code GET /auth/me}, tokens issued with
 * {@code POST /auth/tokens}, and {@code DELETE /auth/tokens/current} to revoke the token
 * a request carries. Every endpoint needs an authenticated caller.
 */
@RestController
class AuthController {

	private final SecurityStore store;

	private final SecurityProperties properties;

	AuthController(SecurityStore store, SecurityProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/** Returns the caller's name and roles. */
	@GetMapping("/auth/me")
	Mono<Map<String, Object>> me() {
		return caller().map((caller) -> {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("user", caller.getName());
			view.put("roles", caller.roles().stream().sorted().toList());
			return view;
		});
	}

	/**
	 * Issues a token for the caller, who must authenticate with a password: a token that
	 * could issue tokens would let a leaked or short-lived token renew itself for ever. The
	 * body may ask for a {@code lifetime}, such as {@code "8h"}, up to
	 * {@code microlith.security.max-token-lifetime}.
	 */
	@PostMapping("/auth/tokens")
	Mono<ResponseEntity<Map<String, Object>>> issue(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
			@RequestBody(required = false) Map<String, Object> body) {
		if (isBearer(authorization)) {
			throw new TokenNotAllowedException("A token cannot issue tokens: request one with your user name and "
					+ "password (HTTP Basic)");
		}
		Duration lifetime = this.properties.getTokenLifetime();
		if (body != null) {
			for (String field : body.keySet()) {
				if (!field.equals("lifetime")) {
					throw new IllegalArgumentException("Unknown field '" + field + "': expected 'lifetime'");
				}
			}
			Object requested = body.get("lifetime");
			if (requested != null) {
				lifetime = Durations.parse("lifetime", String.valueOf(requested));
				if (lifetime.isZero() || lifetime.compareTo(this.properties.getMaxTokenLifetime()) > 0) {
					throw new IllegalArgumentException("Invalid field 'lifetime' '" + requested
							+ "': expected more than zero and at most " + this.properties.getMaxTokenLifetime()
							+ " (microlith.security.max-token-lifetime)");
				}
			}
		}
		Duration chosen = lifetime;
		return caller().flatMap((caller) -> this.store.issueToken(caller.name(), chosen)).map((token) -> {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("token", token.token());
			view.put("id", token.id());
			view.put("user", token.user());
			view.put("expires", token.expires().toString());
			return ResponseEntity.status(HttpStatus.CREATED).body(view);
		});
	}

	/** Revokes the bearer token that this request carries. */
	@DeleteMapping("/auth/tokens/current")
	Mono<ResponseEntity<Void>> revokeCurrent(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
		if (!isBearer(authorization)) {
			throw new IllegalArgumentException("This request carries no token: send 'Authorization: Bearer <token>' "
					+ "with the token to revoke");
		}
		return this.store.revokeToken(authorization.substring(7).trim()).thenReturn(ResponseEntity.noContent().build());
	}

	@ExceptionHandler
	ProblemDetail invalid(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail forbidden(TokenNotAllowedException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	private static boolean isBearer(String authorization) {
		return authorization.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	private static Mono<Caller> caller() {
		return ReactiveSecurityContextHolder.getContext()
			.map((context) -> (Caller) context.getAuthentication().getPrincipal());
	}

	/** A request that a token may not make. */
	static final class TokenNotAllowedException extends RuntimeException {

		TokenNotAllowedException(String message) {
			super(message);
		}

	}

}
