package dev.microlith.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import dev.microlith.platform.component.HttpRouteTable;
import dev.microlith.platform.security.AccessPolicy;
import dev.microlith.platform.security.AuditLog;
import dev.microlith.platform.security.Authenticator;

/**
 * Spring Security's filter chain for the node's HTTP endpoints. Every request is
 * stateless: no session, no login form, no CSRF token (no cookies are used), and the
 * {@link NodeSecurityFilter} authenticates and authorizes it.
 * <p>
 * Spring Security's firewall and the headers {@code X-Content-Type-Options},
 * {@code X-Frame-Options}, {@code Referrer-Policy} and (over TLS)
 * {@code Strict-Transport-Security} stay. Its {@code Cache-Control: no-store} headers and
 * the obsolete {@code X-XSS-Protection} are left out, because the REST API and components
 * set their own caching (ETags), and because the two cost a tenth of the CPU time of a
 * cached read; so are Spring Security's per-filter observations, which cost more (JFR
 * profile of {@code GET /cities/{id}} under wrk, 2026-12-05).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class WebSecurityConfiguration {

	@Bean
	SecurityWebFilterChain nodeSecurityFilterChain(ServerHttpSecurity http, Authenticator authenticator,
			AccessPolicy policy, HttpRouteTable componentRoutes, AuditLog audit) {
		NodeSecurityFilter filter = new NodeSecurityFilter(authenticator, policy, new HttpAccessRules(componentRoutes),
				audit);
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.headers((headers) -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
				.xssProtection(ServerHttpSecurity.HeaderSpec.XssProtectionSpec::disable))
			.addFilterAt(filter, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	/** Leaves Spring Security's filters out of Micrometer observations; HTTP server metrics stay. */
	@Bean
	SecurityObservationSettings noSecurityFilterObservations() {
		return SecurityObservationSettings.noObservations();
	}

}
