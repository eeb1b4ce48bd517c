package dev.microlith.platform.web;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.microlith.platform.security.AccessPolicy;
import dev.microlith.platform.security.AuditLog;
import dev.microlith.platform.security.AuthenticationFailedException;
import dev.microlith.platform.security.Authenticator;
import dev.microlith.platform.security.Caller;
import dev.microlith.platform.security.LoginThrottledException;
import dev.microlith.platform.security.NotPermittedException;
import dev.microlith.platform.security.Requirement;

/**
 * Authenticates every HTTP request from its {@code Authorization} header (HTTP Basic or a
 * bearer token issued by the node; none makes the caller anonymous) and checks the
 * requirements of {@link HttpAccessRules} before the request reaches a handler.
 * <p>
 * Wrong credentials get 401, too many recent failures 429 with {@code Retry-After}, a
 * missing grant 401 for anonymous callers and 403 for authenticated ones, each as a
 * problem that names what is missing. Changes through the operations API and Actuator
 * are recorded in the audit log with their response status. The filter puts the caller
 * into the exchange's principal and Spring Security's reactive security context. It also
 * adds {@code X-Content-Type-Options: nosniff} and {@code X-Frame-Options: DENY} to every
 * response.
 */
final class NodeSecurityFilter implements WebFilter {

	/** Before every other filter, Actuator's and the HTTP server observation included. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private static final String CHALLENGE_BASIC = "Basic realm=\"microlith\", charset=\"UTF-8\"";

	private static final String CHALLENGE_BEARER = "Bearer realm=\"microlith\"";

	private final Authenticator authenticator;

	private final AccessPolicy policy;

	private final HttpAccessRules rules;

	private final AuditLog audit;

	NodeSecurityFilter(Authenticator authenticator, AccessPolicy policy, HttpAccessRules rules, AuditLog audit) {
		this.authenticator = authenticator;
		this.policy = policy;
		this.rules = rules;
		this.audit = audit;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header == null || header.isBlank()) {
			// The common case of public reads, without the reactive steps that credentials need.
			return authorized(exchange, chain, Caller.ANONYMOUS);
		}
		return authenticate(header, address(request)).map(Optional::of)
			.onErrorResume(AuthenticationFailedException.class,
					(ex) -> unauthorized(exchange, ex.getMessage()).thenReturn(Optional.empty()))
			.onErrorResume(LoginThrottledException.class, (ex) -> {
				exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfter().toSeconds()));
				return ProblemResponses.write(exchange.getResponse(), 429, ex.getMessage(), Map.of())
					.thenReturn(Optional.empty());
			})
			.onErrorResume(IllegalArgumentException.class,
					(ex) -> unauthorized(exchange, ex.getMessage()).thenReturn(Optional.empty()))
			.flatMap((caller) -> caller.isPresent() ? authorized(exchange, chain, caller.get()) : Mono.empty());
	}

	private Mono<Void> authorized(ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders responseHeaders = exchange.getResponse().getHeaders();
		responseHeaders.set("X-Content-Type-Options", "nosniff");
		responseHeaders.set("X-Frame-Options", "DENY");
		PathContainer pathContainer = request.getPath().pathWithinApplication();
		String path = pathContainer.value();
		List<Requirement> requirements = this.rules.requirements(request.getMethod(), pathContainer);
		try {
			for (Requirement requirement : requirements) {
				this.policy.check(caller, requirement);
			}
		}
		catch (NotPermittedException ex) {
			if (ex.authenticationRequired()) {
				return unauthorized(exchange, ex.getMessage()
						+ "; send a user name and password (HTTP Basic) or a token (Bearer)");
			}
			this.audit.record("access-denied", caller.name(), address(request), request.getMethod() + " " + path);
			return ProblemResponses.write(exchange.getResponse(), 403, ex.getMessage(), Map.of());
		}
		if (!caller.authenticated()) {
			return audited(chain.filter(exchange), exchange, caller, path);
		}
		List<SimpleGrantedAuthority> authorities = caller.roles()
			.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(caller,
				null, authorities);
		// The principal serves Actuator (health details for authenticated callers), the
		// security context the node's own endpoints.
		ServerWebExchange withPrincipal = exchange.mutate().principal(Mono.just(authentication)).build();
		return audited(chain.filter(withPrincipal), exchange, caller, path)
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication));
	}

	/** Records a change through the operations API or Actuator, with its status, once it is handled. */
	private Mono<Void> audited(Mono<Void> handled, ServerWebExchange exchange, Caller caller, String path) {
		HttpMethod method = exchange.getRequest().getMethod();
		if (!isAdministrative(method, path)) {
			return handled;
		}
		return handled.doFinally((signal) -> this.audit.record("operation", caller.getName(),
				address(exchange.getRequest()),
				method + " " + path + " -> " + exchange.getResponse().getStatusCode()));
	}

	private Mono<Caller> authenticate(String header, String address) {
		int space = header.indexOf(' ');
		String scheme = (space > 0) ? header.substring(0, space) : header;
		String value = (space > 0) ? header.substring(space + 1).trim() : "";
		if (scheme.equalsIgnoreCase("Basic")) {
			String decoded;
			try {
				decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return Mono.error(new IllegalArgumentException("Malformed Basic credentials: expected base64 of 'user:password'"));
			}
			int colon = decoded.indexOf(':');
			if (colon <= 0) {
				return Mono.error(new IllegalArgumentException("Malformed Basic credentials: expected base64 of 'user:password'"));
			}
			return this.authenticator.password(decoded.substring(0, colon), decoded.substring(colon + 1), address);
		}
		if (scheme.equalsIgnoreCase("Bearer") && !value.isEmpty()) {
			return this.authenticator.token(value, address);
		}
		return Mono.error(new IllegalArgumentException("Unsupported Authorization header: expected 'Basic <base64 of user:password>' "
				+ "or 'Bearer <token>'"));
	}

	private static Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.add(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE_BASIC);
		headers.add(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE_BEARER);
		return ProblemResponses.write(exchange.getResponse(), 401, detail, Map.of());
	}

	private static boolean isAdministrative(HttpMethod method, String path) {
		boolean change = !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)
				&& !method.equals(HttpMethod.OPTIONS);
		return change && (path.startsWith("/ops/") || path.equals("/ops") || path.startsWith("/actuator/"));
	}

	private static String address(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
	}

}
