package dev.microlith.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
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
 * {@link NodeSecurityFilter} authenticates and authorizes it. Spring Security adds its
 * default response headers.
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
			.addFilterAt(filter, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

}
