package dev.microlith.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.microlith.platform.component.HttpRouteTable;
import dev.microlith.platform.security.AccessPolicy;
import dev.microlith.platform.security.AuditLog;
import dev.microlith.platform.security.Authenticator;

/** Registers the {@link NodeSecurityFilter} as the first filter of every HTTP request. */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

	@Bean
	@Order(NodeSecurityFilter.ORDER)
	NodeSecurityFilter nodeSecurityFilter(Authenticator authenticator, AccessPolicy policy,
			HttpRouteTable componentRoutes, AuditLog audit) {
		return new NodeSecurityFilter(authenticator, policy, new HttpAccessRules(componentRoutes), audit);
	}

}
