package dev.microlith.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.microlith.platform.storage.StorageEngine;
import dev.microlith.platform.storage.StorageProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Users, roles, tokens and access decisions against a real (in-memory) table store.
 */
class SecurityStoreTests {

	private final StorageEngine storage = StorageEngine.inMemory(new StorageProperties());

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final SecurityProperties properties = new SecurityProperties();

	private final SecurityStore store = new SecurityStore(this.storage, this.encoder, this.properties);

	private final AuditLog audit = new AuditLog(this.storage);

	private final Authenticator authenticator = new Authenticator(this.store, this.encoder, this.properties, this.audit,
			Clock.systemUTC());

	private final Map<String, Set<TableOperation>> open = new java.util.HashMap<>();

	private final AccessPolicy policy = new AccessPolicy(this.store, (table) -> this.open.getOrDefault(table, Set.of()));

	@AfterEach
	void close() {
		this.storage.close();
	}

	@Test
	void firstStartCreatesTheAdminOnce() {
		this.store.initialize("first-password");
		this.store.initialize("second-password");

		assertThat(this.authenticator.password("admin", "first-password", null).block().roles()).containsExactly("admin");
		assertThatExceptionOfType(AuthenticationFailedException.class)
			.isThrownBy(() -> this.authenticator.password("admin", "second-password", null).block());
		assertThat(this.store.role(Roles.ANONYMOUS)).contains(Role.empty(Roles.ANONYMOUS));
	}

	@Test
	void passwordsAreStoredAsHashes() {
		this.store.initialize("first-password");

		assertThat(this.store.user("admin").orElseThrow().passwordHash()).startsWith("{bcrypt}")
			.doesNotContain("first-password");
	}

	@Test
	void theLastAdminStays() {
		this.store.initialize("first-password");

		assertThatIllegalArgumentException().isThrownBy(() -> this.store.deleteUser("admin").block())
			.withMessageContaining("last user with role 'admin'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.putUser("admin", null, Set.of(), false).block())
			.withMessageContaining("last user with role 'admin'");

		this.store.putUser("root", "another-password", Set.of("admin"), true).block();
		assertThat(this.store.deleteUser("admin").block()).isTrue();
	}

	@Test
	void badUsersAreRejectedWithTheReason() {
		this.store.initialize("first-password");

		assertThatIllegalArgumentException().isThrownBy(() -> this.store.putUser("bob", "short", Set.of(), true))
			.withMessageContaining("at least 8 characters");
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.putUser("bob", null, Set.of(), true))
			.withMessageContaining("Missing field 'password'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.putUser("bob", "long-enough", Set.of("ghost"), true))
			.withMessageContaining("Unknown role 'ghost'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.putUser("admin", "long-enough", Set.of(), true))
			.withMessageContaining("already exists");
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.putUser("bob", "         ", Set.of(), true))
			.withMessageContaining("not all blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.putUser("anonymous", "long-enough", Set.of(), true))
			.withMessageContaining("Invalid user name 'anonymous'");
		assertThat(this.store.user("bob")).isEmpty();
	}

	@Test
	void tokensExpireAndAreRevoked() {
		this.store.initialize("first-password");
		SecurityStore.IssuedToken token = this.store.issueToken("admin", Duration.ofHours(1)).block();
		SecurityStore.IssuedToken expired = this.store.issueToken("admin", Duration.ofMillis(1)).block();

		assertThat(this.authenticator.token(token.token(), null).block().name()).isEqualTo("admin");
		assertThatExceptionOfType(AuthenticationFailedException.class)
			.isThrownBy(() -> this.authenticator.token(expired.token(), null).block())
			.withMessageContaining("expired token");

		assertThat(this.store.revokeTokenById(token.id()).block()).isTrue();
		assertThatExceptionOfType(AuthenticationFailedException.class)
			.isThrownBy(() -> this.authenticator.token(token.token(), null).block())
			.withMessageContaining("unknown or revoked token");
	}

	@Test
	void newPasswordRevokesTheUsersTokens() {
		this.store.initialize("first-password");
		this.store.putUser("bob", "bob-password", Set.of(), true).block();
		SecurityStore.IssuedToken token = this.store.issueToken("bob", Duration.ofHours(1)).block();

		this.store.putUser("bob", "bob-new-password", Set.of(), false).block();

		assertThatExceptionOfType(AuthenticationFailedException.class)
			.isThrownBy(() -> this.authenticator.token(token.token(), null).block());
		assertThat(this.authenticator.password("bob", "bob-new-password", null).block().name()).isEqualTo("bob");
	}

	@Test
	void rolesGrantWhatTheySay() {
		this.store.putRole(Role.fromDocument("reader", Map.of("tables", Map.of("city", List.of("read")), "topics",
				Map.of("publish", List.of("chat/#")), "operations", List.of("monitor"), "permissions",
				List.of("todo:write"))))
			.block();
		Caller reader = new Caller("bob", Set.of("reader"));

		assertThat(this.policy.allows(reader, new Requirement.TableAccess("city", TableOperation.READ))).isTrue();
		assertThat(this.policy.allows(reader, new Requirement.TableAccess("city", TableOperation.UPDATE))).isFalse();
		assertThat(this.policy.allows(reader, new Requirement.TableAccess("todo", TableOperation.READ))).isFalse();
		assertThat(this.policy.allows(reader, new Requirement.TopicAccess("tables/city/#", TopicOperation.SUBSCRIBE)))
			.isTrue();
		assertThat(this.policy.allows(reader, new Requirement.TopicAccess("tables/#", TopicOperation.SUBSCRIBE)))
			.isFalse();
		assertThat(this.policy.allows(reader, new Requirement.TopicAccess("chat/lobby", TopicOperation.PUBLISH)))
			.isTrue();
		assertThat(this.policy.allows(reader, new Requirement.TopicAccess("chat/lobby", TopicOperation.SUBSCRIBE)))
			.isFalse();
		assertThat(this.policy.allows(reader, new Requirement.Operations(OperationsGroup.MONITOR))).isTrue();
		assertThat(this.policy.allows(reader, new Requirement.Operations(OperationsGroup.DEPLOY))).isFalse();
		assertThat(this.policy.allows(reader, new Requirement.ComponentPermission("todo", "write"))).isTrue();
		assertThat(this.policy.allows(reader, new Requirement.ComponentPermission("chat", "write"))).isFalse();
		assertThat(this.policy.allows(new Caller("root", Set.of("admin")),
				new Requirement.Operations(OperationsGroup.SECURITY))).isTrue();
	}

	@Test
	void anonymousGetsTheAnonymousRoleAndPublicTables() {
		this.store.initialize("first-password");
		Requirement readCity = new Requirement.TableAccess("city", TableOperation.READ);

		assertThat(this.policy.allows(Caller.ANONYMOUS, readCity)).isFalse();
		assertThat(this.policy.allows(Caller.ANONYMOUS, Requirement.AUTHENTICATED)).isFalse();
		assertThatExceptionOfType(NotPermittedException.class).isThrownBy(() -> this.policy.check(Caller.ANONYMOUS, readCity))
			.satisfies((ex) -> assertThat(ex.authenticationRequired()).isTrue())
			.withMessageContaining("'read' on table 'city'");

		this.open.put("city", Set.of(TableOperation.READ));
		assertThat(this.policy.allows(Caller.ANONYMOUS, readCity)).isTrue();
		assertThat(this.policy.allows(Caller.ANONYMOUS, new Requirement.TopicAccess("tables/city/7", TopicOperation.SUBSCRIBE)))
			.isTrue();
		assertThat(this.policy.allows(Caller.ANONYMOUS, new Requirement.TableAccess("city", TableOperation.DELETE)))
			.isFalse();

		this.store.putRole(Role.fromDocument(Roles.ANONYMOUS, Map.of("topics", Map.of("subscribe", List.of("news/#")))))
			.block();
		assertThat(this.policy.allows(new Caller("bob", Set.of()), new Requirement.TopicAccess("news/x",
				TopicOperation.SUBSCRIBE))).isTrue();
	}

}
