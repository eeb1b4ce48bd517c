package dev.microlith.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a {@link Caller} meets a {@link Requirement}. A caller has their own
 * roles and, always, the {@value Roles#ANONYMOUS} role, so what an admin grants to
 * anonymous callers is granted to everyone, and so are the table operations that
 * components open with {@code "public"} ({@link PublicTables}). The role {@value Roles#ADMIN} meets every
 * requirement. Roles are read from the store on each decision, so changes apply to the
 * next request. Thread-safe.
 */
public class AccessPolicy {

	private static final String TABLE_TOPICS = "tables/";

	private final SecurityStore store;

	private final PublicTables publicTables;

	public AccessPolicy(SecurityStore store, PublicTables publicTables) {
		this.store = store;
		this.publicTables = publicTables;
	}

	/**
	 * Checks that {@code caller} meets {@code requirement}.
	 * @throws NotPermittedException naming what is missing
	 */
	public void check(Caller caller, Requirement requirement) {
		if (!allows(caller, requirement)) {
			if (!caller.authenticated()) {
				throw new NotPermittedException("Authentication required: this request needs " + describe(requirement),
						true);
			}
			throw new NotPermittedException("User '" + caller.name() + "' may not do this: it needs "
					+ describe(requirement) + ", which none of the roles " + caller.roles().stream().sorted().toList()
					+ " grants", false);
		}
	}

	/** Returns whether {@code caller} meets {@code requirement}. */
	public boolean allows(Caller caller, Requirement requirement) {
		if (requirement instanceof Requirement.Public) {
			return true;
		}
		if (caller.roles().contains(Roles.ADMIN)) {
			return true;
		}
		if (requirement instanceof Requirement.Authenticated) {
			return caller.authenticated();
		}
		List<Role> roles = roles(caller);
		if (requirement instanceof Requirement.TableAccess table) {
			if (this.publicTables.publicOperations(table.table()).contains(table.operation())) {
				return true;
			}
			return roles.stream().anyMatch((role) -> grants(role, table.table(), table.operation()));
		}
		if (requirement instanceof Requirement.TopicAccess topic) {
			if (topic.operation() == TopicOperation.SUBSCRIBE && tableOfTopic(topic.topic())
				.map((table) -> this.publicTables.publicOperations(table).contains(TableOperation.READ))
				.orElse(false)) {
				return true;
			}
			return roles.stream().anyMatch((role) -> grants(role, topic));
		}
		if (requirement instanceof Requirement.Operations operations) {
			return roles.stream().anyMatch((role) -> role.operations().contains(operations.group()));
		}
		if (requirement instanceof Requirement.ComponentPermission permission) {
			String name = permission.component() + ":" + permission.permission();
			return roles.stream().anyMatch((role) -> role.permissions().contains(name));
		}
		return false;
	}

	private List<Role> roles(Caller caller) {
		List<Role> roles = new ArrayList<>();
		for (String name : caller.roles()) {
			this.store.role(name).ifPresent(roles::add);
		}
		if (!caller.roles().contains(Roles.ANONYMOUS)) {
			this.store.role(Roles.ANONYMOUS).ifPresent(roles::add);
		}
		return roles;
	}

	private static boolean grants(Role role, String table, TableOperation operation) {
		Set<TableOperation> named = role.tables().get(table);
		Set<TableOperation> all = role.tables().get(Role.ALL_TABLES);
		return (named != null && named.contains(operation)) || (all != null && all.contains(operation));
	}

	private static boolean grants(Role role, Requirement.TopicAccess access) {
		List<String> patterns = (access.operation() == TopicOperation.PUBLISH) ? role.publish() : role.subscribe();
		if (patterns.stream().anyMatch((pattern) -> TopicPatterns.covers(pattern, access.topic()))) {
			return true;
		}
		if (access.operation() == TopicOperation.SUBSCRIBE) {
			return tableOfTopic(access.topic()).map((table) -> grants(role, table, TableOperation.READ)).orElse(false);
		}
		return false;
	}

	/**
	 * Returns the table whose changes a subscription to {@code topic} receives: the second
	 * level of {@code tables/<table>/...}, or {@code "*"} when that level is a wildcard.
	 */
	private static Optional<String> tableOfTopic(String topic) {
		if (topic.equals("#")) {
			return Optional.of(Role.ALL_TABLES);
		}
		if (!topic.startsWith(TABLE_TOPICS)) {
			return Optional.empty();
		}
		String rest = topic.substring(TABLE_TOPICS.length());
		int slash = rest.indexOf('/');
		String table = (slash < 0) ? rest : rest.substring(0, slash);
		return Optional.of((table.equals("+") || table.equals("#")) ? Role.ALL_TABLES : table);
	}

	private static String describe(Requirement requirement) {
		if (requirement instanceof Requirement.TableAccess table) {
			return "'" + table.operation().jsonName() + "' on table '" + table.table() + "'";
		}
		if (requirement instanceof Requirement.TopicAccess topic) {
			return "'" + topic.operation().jsonName() + "' on topic '" + topic.topic() + "'";
		}
		if (requirement instanceof Requirement.Operations operations) {
			return "the operations group '" + operations.group().jsonName() + "'";
		}
		if (requirement instanceof Requirement.ComponentPermission permission) {
			return "the permission '" + permission.component() + ":" + permission.permission() + "'";
		}
		return "an authenticated user";
	}

}
