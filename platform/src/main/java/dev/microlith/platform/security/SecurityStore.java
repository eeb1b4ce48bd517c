package dev.microlith.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;

/**
 * Users, roles and tokens in the node's system tables {@value #USERS}, {@value #ROLES}
 * and {@value #TOKENS}. These tables are not exported, and their changes are not
 * published on the hub. Passwords are stored as the encoder's hashes, bcrypt by default.
 * Tokens are stored as SHA-256 hashes, so a copy of the data directory reveals neither.
 * Thread-safe.
 */
public class SecurityStore {

	/** The owner of the system tables, a name no component may take. */
	public static final String OWNER = "microlith";

	/** The prefix of the names of the node's system tables. */
	public static final String SYSTEM_TABLE_PREFIX = "microlith-";

	static final String USERS = "microlith-users";

	static final String ROLES = "microlith-roles";

	static final String TOKENS = "microlith-tokens";

	static final String AUDIT = "microlith-audit";

	private static final Logger logger = LoggerFactory.getLogger(SecurityStore.class);

	private static final int MIN_PASSWORD_LENGTH = 8;

	private final TableService tables;

	private final PasswordEncoder encoder;

	private final SecureRandom random = new SecureRandom();

	public SecurityStore(TableService tables, PasswordEncoder encoder, SecurityProperties properties) {
		this.tables = tables;
		this.encoder = encoder;
		this.tables.declare(new TableDefinition(USERS, KeyType.STRING, List.of(), null, false, OWNER));
		this.tables.declare(new TableDefinition(ROLES, KeyType.STRING, List.of(), null, false, OWNER));
		this.tables.declare(new TableDefinition(TOKENS, KeyType.STRING, List.of(), properties.getMaxTokenLifetime(),
				false, OWNER));
		this.tables.declare(new TableDefinition(AUDIT, KeyType.LONG, List.of(), properties.getAuditRetention(), false,
				OWNER));
	}

	/** Returns whether {@code table} is one of the node's system tables. */
	public static boolean isSystemTable(String table) {
		return table.startsWith(SYSTEM_TABLE_PREFIX);
	}

	/**
	 * Prepares a new node: creates the {@value Roles#ANONYMOUS} role when missing and, when
	 * there is no user yet, the user {@code admin} with {@code adminPassword}, or with a
	 * generated password that is printed once in the log.
	 */
	public void initialize(String adminPassword) {
		if (documents(ROLES).get(Roles.ANONYMOUS).isEmpty()) {
			documents(ROLES).put(Roles.ANONYMOUS, Role.empty(Roles.ANONYMOUS).toDocument()).block();
		}
		if (documents(USERS).count() > 0) {
			return;
		}
		String password = adminPassword;
		boolean generated = (password == null || password.isEmpty());
		if (generated) {
			byte[] bytes = new byte[18];
			this.random.nextBytes(bytes);
			password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
		putUser(Roles.ADMIN, password, Set.of(Roles.ADMIN), true).block();
		if (generated) {
			logger.warn("Created user 'admin' with the generated password '{}'; it is shown only this once. "
					+ "Set MICROLITH_ADMIN_PASSWORD before the first start to choose it, and change it with "
					+ "PUT /ops/users/admin", password);
		}
		else {
			logger.info("Created user 'admin' with the password from MICROLITH_ADMIN_PASSWORD");
		}
	}

	/** Returns the user called {@code name}. */
	public Optional<User> user(String name) {
		return documents(USERS).get(name).map((document) -> User.fromDocument(name, document));
	}

	/** Returns every user, by name. */
	public Mono<List<User>> users() {
		return documents(USERS).find(Query.all())
			.map((row) -> User.fromDocument(String.valueOf(row.key()), row.value()))
			.sort(Comparator.comparing(User::name))
			.collectList();
	}

	/**
	 * Creates or changes a user.
	 * @param password the new password, or {@code null} to keep the current one of an
	 * existing user
	 * @param roles the user's roles, each of them existing
	 * @param create whether the user must not exist yet
	 * @return the user as stored
	 * @throws IllegalArgumentException for an invalid name, password or role, or a missing
	 * password for a new user
	 */
	public Mono<User> putUser(String name, String password, Set<String> roles, boolean create) {
		Roles.checkName("user", name);
		if (name.equals(Roles.ANONYMOUS)) {
			throw new IllegalArgumentException("Invalid user name 'anonymous': it names callers that did not "
					+ "authenticate; choose another name");
		}
		Optional<User> existing = user(name);
		if (create && existing.isPresent()) {
			throw new IllegalArgumentException("User '" + name + "' already exists");
		}
		if (password == null && existing.isEmpty()) {
			throw new IllegalArgumentException("Missing field 'password' for new user '" + name + "'");
		}
		if (password != null && (password.length() < MIN_PASSWORD_LENGTH || password.isBlank())) {
			throw new IllegalArgumentException("Invalid field 'password' for user '" + name + "': expected at least "
					+ MIN_PASSWORD_LENGTH + " characters, not all blank");
		}
		for (String role : roles) {
			Roles.checkName("role", role);
			if (!role.equals(Roles.ADMIN) && role(role).isEmpty()) {
				throw new IllegalArgumentException("Unknown role '" + role + "' for user '" + name
						+ "': create it first with PUT /ops/roles/" + role);
			}
		}
		Mono<Void> check = Mono.empty();
		if (existing.isPresent() && existing.get().roles().contains(Roles.ADMIN) && !roles.contains(Roles.ADMIN)) {
			check = lastAdminCheck(name, "cannot lose it");
		}
		String hash = (password != null) ? this.encoder.encode(password) : existing.get().passwordHash();
		Instant created = existing.map(User::created).orElse(Instant.now());
		User user = new User(name, hash, new LinkedHashSet<>(roles), created);
		Mono<User> write = check.then(documents(USERS).put(name, user.toDocument())).thenReturn(user);
		return (password != null && existing.isPresent()) ? write.flatMap((stored) -> revokeTokensOf(name).thenReturn(stored))
				: write;
	}

	/**
	 * Removes a user and their tokens.
	 * @return whether the user existed
	 * @throws IllegalArgumentException when it is the last user with role {@code admin}
	 */
	public Mono<Boolean> deleteUser(String name) {
		Optional<User> existing = user(name);
		if (existing.isEmpty()) {
			return Mono.just(false);
		}
		Mono<Void> check = existing.get().roles().contains(Roles.ADMIN) ? lastAdminCheck(name, "cannot be removed")
				: Mono.empty();
		return check.then(revokeTokensOf(name)).then(documents(USERS).delete(name));
	}

	/** Returns the stored role {@code name}; {@value Roles#ADMIN} is built in and not stored. */
	public Optional<Role> role(String name) {
		return documents(ROLES).get(name).map((document) -> Role.fromDocument(name, document));
	}

	/** Returns every stored role, by name. */
	public Mono<List<Role>> roles() {
		return documents(ROLES).find(Query.all())
			.map((row) -> Role.fromDocument(String.valueOf(row.key()), row.value()))
			.sort(Comparator.comparing(Role::name))
			.collectList();
	}

	/**
	 * Creates or replaces a role.
	 * @throws IllegalArgumentException for the built-in role {@value Roles#ADMIN}
	 */
	public Mono<Role> putRole(Role role) {
		if (role.name().equals(Roles.ADMIN)) {
			throw new IllegalArgumentException("Role 'admin' is built in and grants everything; it cannot be changed");
		}
		return documents(ROLES).put(role.name(), role.toDocument()).thenReturn(role);
	}

	/**
	 * Removes a role.
	 * @return whether it existed
	 * @throws IllegalArgumentException for a built-in role or a role that users still hold
	 */
	public Mono<Boolean> deleteRole(String name) {
		if (name.equals(Roles.ADMIN) || name.equals(Roles.ANONYMOUS)) {
			throw new IllegalArgumentException("Role '" + name + "' is built in and cannot be removed");
		}
		return users().flatMap((users) -> {
			List<String> holders = users.stream().filter((user) -> user.roles().contains(name)).map(User::name).toList();
			if (!holders.isEmpty()) {
				return Mono.error(new IllegalArgumentException("Role '" + name + "' is held by " + holders
						+ "; remove it from those users first"));
			}
			return documents(ROLES).delete(name);
		});
	}

	/**
	 * Issues a token for {@code user}.
	 * @return the token; only its hash is stored
	 */
	public Mono<IssuedToken> issueToken(String user, Duration lifetime) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = "mlt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String hash = sha256(token);
		Instant now = Instant.now();
		Instant expires = now.plus(lifetime);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("user", user);
		document.put("issued", now.toString());
		document.put("expires", expires.toString());
		return documents(TOKENS).put(hash, document).thenReturn(new IssuedToken(token, tokenId(hash), user, expires));
	}

	/** Returns the stored token that {@code token} is, expired or not. */
	Optional<TokenInfo> token(String token) {
		String hash = sha256(token);
		return documents(TOKENS).get(hash).map((document) -> TokenInfo.fromDocument(tokenId(hash), document));
	}

	/** Returns every stored token, without the secrets. */
	public Mono<List<TokenInfo>> tokens() {
		return documents(TOKENS).find(Query.all())
			.map((row) -> TokenInfo.fromDocument(tokenId(String.valueOf(row.key())), row.value()))
			.sort(Comparator.comparing(TokenInfo::issued))
			.collectList();
	}

	/** Revokes the token {@code token} itself. */
	public Mono<Boolean> revokeToken(String token) {
		return documents(TOKENS).delete(sha256(token));
	}

	/**
	 * Revokes the token with the public id {@code id}, as {@link #tokens()} lists it.
	 * @return whether such a token existed
	 */
	public Mono<Boolean> revokeTokenById(String id) {
		return documents(TOKENS).find(Query.all())
			.filter((row) -> tokenId(String.valueOf(row.key())).equals(id))
			.next()
			.flatMap((row) -> documents(TOKENS).delete(row.key()))
			.defaultIfEmpty(false);
	}

	private Mono<Void> revokeTokensOf(String user) {
		return documents(TOKENS).find(Query.all())
			.filter((row) -> user.equals(row.value().get("user")))
			.map(Row::key)
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap((key) -> documents(TOKENS).delete(key))
			.then();
	}

	private Mono<Void> lastAdminCheck(String name, String consequence) {
		return users().flatMap((users) -> {
			long admins = users.stream().filter((user) -> user.roles().contains(Roles.ADMIN)).count();
			return (admins > 1) ? Mono.empty() : Mono.error(new IllegalArgumentException("User '" + name
					+ "' is the last user with role 'admin' and " + consequence + "; give another user that role first"));
		});
	}

	private Table<Object, Map<String, Object>> documents(String table) {
		return this.tables.tables().documents(table);
	}

	private static String tokenId(String hash) {
		return hash.substring(0, 16);
	}

	static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}

	/**
	 * A user as stored.
	 * @param passwordHash the encoder's hash of the password, never shown
	 */
	public record User(String name, String passwordHash, Set<String> roles, Instant created) {

		public User {
			roles = Set.copyOf(roles);
		}

		static User fromDocument(String name, Map<String, Object> document) {
			Object roles = document.get("roles");
			Set<String> names = new LinkedHashSet<>();
			if (roles instanceof List<?> list) {
				list.forEach((role) -> names.add(String.valueOf(role)));
			}
			Object created = document.get("created");
			return new User(name, String.valueOf(document.get("passwordHash")), names,
					(created != null) ? Instant.parse(String.valueOf(created)) : Instant.EPOCH);
		}

		Map<String, Object> toDocument() {
			Map<String, Object> document = new LinkedHashMap<>();
			document.put("passwordHash", this.passwordHash);
			document.put("roles", this.roles.stream().sorted().toList());
			document.put("created", this.created.toString());
			return document;
		}

	}

	/**
	 * A token as issued: the secret is shown to its owner once.
	 * @param token the secret to send as {@code Authorization: Bearer <token>}
	 * @param id the public id, used to list and revoke it
	 */
	public record IssuedToken(String token, String id, String user, Instant expires) {
	}

	/** A stored token, without its secret. */
	public record TokenInfo(String id, String user, Instant issued, Instant expires) {

		static TokenInfo fromDocument(String id, Map<String, Object> document) {
			return new TokenInfo(id, String.valueOf(document.get("user")), Instant.parse(String.valueOf(document.get("issued"))),
					Instant.parse(String.valueOf(document.get("expires"))));
		}

	}

}
