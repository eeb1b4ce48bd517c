package dev.microlith.platform.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the holders of a role may do. Stored as a JSON document:
 * <pre>
 * {
 *   "tables": { "city": ["read"], "todo": ["read", "insert", "update", "delete"] },
 *   "topics": { "publish": ["chat/#"], "subscribe": ["chat/#", "tables/todo/#"] },
 *   "operations": ["monitor"],
 *   "permissions": ["todo:write"]
 * }
 * </pre>
 * Table {@code "*"} stands for every exported table. Reading a table also allows
 * subscribing to its changes on {@code tables/<table>/#}.
 * @param name the role's name
 * @param tables the granted operations by table name
 * @param publish the topic patterns the holders may publish to
 * @param subscribe the topic patterns the holders may subscribe to
 * @param operations the granted groups of the operations API
 * @param permissions the granted component permissions, as {@code <component>:<permission>}
 */
public record Role(String name, Map<String, Set<TableOperation>> tables, List<String> publish,
		List<String> subscribe, Set<OperationsGroup> operations, Set<String> permissions) {

	/** Any table name. */
	public static final String ALL_TABLES = "*";

	private static final Pattern TABLE = Pattern.compile("\\*|[A-Za-z][A-Za-z0-9_-]{0,63}");

	private static final Pattern PERMISSION = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}:[a-z][a-z0-9_-]{0,63}");

	private static final Set<String> FIELDS = Set.of("tables", "topics", "operations", "permissions");

	public Role {
		Roles.checkName("role", name);
		tables = Map.copyOf(tables);
		publish = List.copyOf(publish);
		subscribe = List.copyOf(subscribe);
		operations = Set.copyOf(operations);
		permissions = Set.copyOf(permissions);
	}

	/** Returns a role that grants nothing. */
	public static Role empty(String name) {
		return new Role(name, Map.of(), List.of(), List.of(), Set.of(), Set.of());
	}

	/**
	 * Reads a role from its JSON document.
	 * @throws IllegalArgumentException naming the field and the mistake
	 */
	public static Role fromDocument(String name, Map<String, ?> document) {
		Roles.checkName("role", name);
		for (String field : document.keySet()) {
			if (!FIELDS.contains(field)) {
				throw new IllegalArgumentException("Unknown field '" + field + "' in role '" + name + "': expected "
						+ FIELDS.stream().sorted().toList());
			}
		}
		Map<String, Set<TableOperation>> tables = new LinkedHashMap<>();
		for (Map.Entry<String, ?> entry : object(name, "tables", document.get("tables")).entrySet()) {
			String table = entry.getKey();
			if (!TABLE.matcher(table).matches()) {
				throw new IllegalArgumentException("Invalid table name '" + table + "' in role '" + name
						+ "', field 'tables': expected a table name or '*'");
			}
			Set<TableOperation> operations = EnumSet.noneOf(TableOperation.class);
			for (String operation : strings(name, "tables." + table, entry.getValue())) {
				operations.add(parse(TableOperation.class, name, "tables." + table, operation));
			}
			tables.put(table, operations);
		}
		Map<String, ?> topics = object(name, "topics", document.get("topics"));
		List<String> publish = new ArrayList<>();
		List<String> subscribe = new ArrayList<>();
		for (Map.Entry<String, ?> entry : topics.entrySet()) {
			TopicOperation operation = parse(TopicOperation.class, name, "topics", entry.getKey());
			for (String pattern : strings(name, "topics." + entry.getKey(), entry.getValue())) {
				try {
					TopicPatterns.check(pattern);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(ex.getMessage() + " in role '" + name + "', field 'topics."
							+ entry.getKey() + "'", ex);
				}
				((operation == TopicOperation.PUBLISH) ? publish : subscribe).add(pattern);
			}
		}
		Set<OperationsGroup> operations = EnumSet.noneOf(OperationsGroup.class);
		for (String group : strings(name, "operations", document.get("operations"))) {
			operations.add(parse(OperationsGroup.class, name, "operations", group));
		}
		Set<String> permissions = new LinkedHashSet<>();
		for (String permission : strings(name, "permissions", document.get("permissions"))) {
			if (!PERMISSION.matcher(permission).matches()) {
				throw new IllegalArgumentException("Invalid permission '" + permission + "' in role '" + name
						+ "', field 'permissions': expected '<component>:<permission>', such as 'todo:write'");
			}
			permissions.add(permission);
		}
		return new Role(name, tables, publish, subscribe, operations, permissions);
	}

	/** Returns the role as its JSON document. */
	public Map<String, Object> toDocument() {
		Map<String, Object> tables = new TreeMap<>();
		this.tables.forEach((table, operations) -> tables.put(table,
				operations.stream().sorted().map(TableOperation::jsonName).toList()));
		Map<String, Object> topics = new LinkedHashMap<>();
		topics.put("publish", this.publish);
		topics.put("subscribe", this.subscribe);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("tables", tables);
		document.put("topics", topics);
		document.put("operations", this.operations.stream().sorted().map(OperationsGroup::jsonName).toList());
		document.put("permissions", this.permissions.stream().sorted().toList());
		return document;
	}

	private static Map<String, ?> object(String role, String field, Object value) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("Invalid field '" + field + "' in role '" + role + "': expected an object");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		map.forEach((key, entry) -> result.put(String.valueOf(key), entry));
		return result;
	}

	private static List<String> strings(String role, String field, Object value) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
			throw new IllegalArgumentException("Invalid field '" + field + "' in role '" + role
					+ "': expected a list of strings");
		}
		return list.stream().map(String.class::cast).toList();
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String role, String field, String value) {
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			List<String> names = EnumSet.allOf(type).stream().map((constant) -> constant.name().toLowerCase(Locale.ROOT)).toList();
			throw new IllegalArgumentException("Invalid value '" + value + "' in role '" + role + "', field '" + field
					+ "': expected one of " + names, ex);
		}
	}

}
