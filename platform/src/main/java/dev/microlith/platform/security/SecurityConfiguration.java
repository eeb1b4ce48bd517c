package dev.microlith.platform.security;

import java.time.Clock;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.microlith.platform.node.NodeProperties;
import dev.microlith.platform.storage.TableService;

/** The node's users, roles, tokens, audit log and access policy. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	/** Hashes passwords with bcrypt, and still reads hashes made with the other standard encoders. */
	@Bean
	PasswordEncoder microlithPasswordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	SecurityStore securityStore(TableService tables, PasswordEncoder encoder, SecurityProperties properties,
			NodeProperties node) {
		properties.validate();
		SecurityStore store = new SecurityStore(tables, encoder, properties);
		store.initialize(node.getAdminPassword());
		return store;
	}

	@Bean
	AuditLog auditLog(TableService tables, SecurityStore store) {
		return new AuditLog(tables);
	}

	@Bean
	Authenticator authenticator(SecurityStore store, PasswordEncoder encoder, SecurityProperties properties,
			AuditLog audit) {
		return new Authenticator(store, encoder, properties, audit, Clock.systemUTC());
	}

	@Bean
	AccessPolicy accessPolicy(SecurityStore store, ObjectProvider<PublicTables> publicTables) {
		PublicTables none = (table) -> Set.of();
		return new AccessPolicy(store, (table) -> publicTables.getIfAvailable(() -> none).publicOperations(table));
	}

}
