package dev.microlith.platform.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import dev.microlith.platform.cache.CacheDefinition;
import dev.microlith.platform.cache.InvalidCacheDefinitionException;
import dev.microlith.platform.security.SecurityStore;
import dev.microlith.platform.security.TableOperation;
import dev.microlith.platform.storage.KeyType;
import dev.microlith.sdk.ComponentDescriptorLocation;
import dev.microlith.sdk.Durations;
import dev.microlith.sdk.SdkVersion;

/**
 * Reads and validates a component descriptor (the JSON document at
 * {@value ComponentDescriptorLocation#PATH}).
 * <p>
 * Unknown fields are rejected, so that a misspelt field fails the deploy instead of being
 * ignored. Every error names the jar, the field (as a path such as {@code tables[1].key}),
 * the value and what was expected. Instances are thread-safe.
 */
public class ComponentDescriptorReader {

	/** Pattern of component names, which also name directories, metrics and properties. */
	static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

	private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

	private static final Pattern CLASS_NAME = Pattern
		.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");

	private static final Set<String> DESCRIPTOR_FIELDS = Set.of("name", "version", "entryClass", "sdkVersion",
			"requires", "tables", "caches", "topics", "description");

	private static final Set<String> TABLE_FIELDS = Set.of("name", "key", "indexes", "ttl", "exported", "public");

	private static final Set<String> CACHE_FIELDS = Set.of("name", "keyType", "valueType", "size", "tiers", "ttl",
			"tti", "table", "survivesRedeploy", "origin");

	private static final Set<String> TIER_FIELDS = Set.of("offHeap", "disk");

	private static final Set<String> ORIGIN_FIELDS = Set.of("staleWhileRevalidate", "staleIfError");

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final String sdkVersion;

	/** Creates a reader that checks descriptors against the SDK on the class path. */
	public ComponentDescriptorReader() {
		this(SdkVersion.current());
	}

	/** Creates a reader that checks descriptors against SDK version {@code sdkVersion}. */
	public ComponentDescriptorReader(String sdkVersion) {
		this.sdkVersion = sdkVersion;
	}

	/**
	 * Parses and validates a descriptor.
	 * @param json the descriptor's bytes
	 * @param source the jar the descriptor comes from, used in error messages
	 * @throws InvalidComponentException when the descriptor is not valid JSON or breaks a rule
	 */
	public ComponentDescriptor read(byte[] json, String source) {
		JsonNode root;
		try {
			root = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidComponentException("Invalid component descriptor " + ComponentDescriptorLocation.PATH
					+ " in '" + source + "': not valid JSON (" + ex.getOriginalMessage() + ")", ex);
		}
		return new Parser(source).descriptor(root);
	}

	/** Walks one descriptor's JSON tree, keeping the jar's name for error messages. */
	private final class Parser {

		private final String source;

		Parser(String source) {
			this.source = source;
		}

		ComponentDescriptor descriptor(JsonNode root) {
			requireObject(root, "(document)");
			rejectUnknown(root, "", DESCRIPTOR_FIELDS);
			String name = requiredText(root, "", "name");
			check(NAME.matcher(name).matches(), "name", name,
					"a lower-case letter followed by up to 63 lower-case letters, digits or '-'");
			String version = requiredText(root, "", "version");
			check(VERSION.matcher(version).matches(), "version", version,
					"letters, digits, '.', '_', '+' or '-', at most 64 characters, such as 1.2.0");
			String entryClass = requiredText(root, "", "entryClass");
			check(CLASS_NAME.matcher(entryClass).matches(), "entryClass", entryClass,
					"the binary name of a class, such as com.example.OrdersComponent");
			String sdk = sdkVersion(root);
			List<String> requires = requires(root, name);
			List<TableDeclaration> tables = list(root, "tables", this::table);
			checkUnique(tables.stream().map(TableDeclaration::name).toList(), "tables", "table");
			List<CacheDeclaration> caches = list(root, "caches", this::cache);
			checkUnique(caches.stream().map(CacheDeclaration::name).toList(), "caches", "cache");
			List<String> topics = list(root, "topics", this::topic);
			return new ComponentDescriptor(name, version, entryClass, sdk, requires, tables, caches, topics);
		}

		private String sdkVersion(JsonNode root) {
			String required = requiredText(root, "", "sdkVersion");
			boolean satisfied;
			try {
				satisfied = SdkVersion.satisfies(ComponentDescriptorReader.this.sdkVersion, required);
			}
			catch (IllegalArgumentException ex) {
				throw invalid("sdkVersion", required, "MAJOR.MINOR, such as 1.0");
			}
			if (!satisfied) {
				throw new InvalidComponentException("Component in '" + this.source + "' needs SDK " + required
						+ " but this node provides SDK " + ComponentDescriptorReader.this.sdkVersion
						+ "; build the component against SDK " + ComponentDescriptorReader.this.sdkVersion
						+ " or upgrade the node");
			}
			return required;
		}

		private List<String> requires(JsonNode root, String self) {
			List<String> requires = list(root, "requires", (node, path) -> {
				String required = text(node, path);
				check(NAME.matcher(required).matches(), path, required, "a component name");
				check(!required.equals(self), path, required, "another component's name, not the component's own");
				return required;
			});
			checkUnique(requires, "requires", "requirement");
			return requires;
		}

		private TableDeclaration table(JsonNode node, String path) {
			requireObject(node, path);
			rejectUnknown(node, path + ".", TABLE_FIELDS);
			String tableName = requiredText(node, path + ".", "name");
			if (SecurityStore.isSystemTable(tableName)) {
				throw invalid(path + ".name", tableName, "a name that does not start with '"
						+ SecurityStore.SYSTEM_TABLE_PREFIX + "', which belongs to the node's own tables");
			}
			String key = optionalText(node, path + ".", "key", "string");
			KeyType keyType;
			try {
				keyType = KeyType.of(key);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(path + ".key", key, "one of string, long, uuid");
			}
			List<String> indexes = list(node, path + ".", "indexes", this::text);
			Duration ttl = optionalDuration(node, path + ".", "ttl");
			boolean exported = optionalBoolean(node, path + ".", "exported", false);
			Set<TableOperation> publicOperations = EnumSet.noneOf(TableOperation.class);
			for (String operation : list(node, path + ".", "public", this::text)) {
				try {
					publicOperations.add(TableOperation.valueOf(operation.toUpperCase(Locale.ROOT)));
				}
				catch (IllegalArgumentException ex) {
					throw invalid(path + ".public", operation, "a list of read, insert, update, delete");
				}
			}
			if (!publicOperations.isEmpty() && !exported) {
				throw invalid(path + ".public", publicOperations.toString().toLowerCase(Locale.ROOT),
						"no public operations on a table that is not exported; set \"exported\": true");
			}
			TableDeclaration table = new TableDeclaration(tableName, keyType, indexes, ttl, exported, publicOperations);
			try {
				table.toDefinition(tableName);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidComponentException("Invalid component descriptor in '" + this.source + "': field '"
						+ path + "': " + ex.getMessage(), ex);
			}
			return table;
		}

		private CacheDeclaration cache(JsonNode node, String path) {
			requireObject(node, path);
			rejectUnknown(node, path + ".", CACHE_FIELDS);
			String prefix = path + ".";
			String cacheName = requiredText(node, prefix, "name");
			check(NAME.matcher(cacheName.toLowerCase()).matches(), prefix + "name", cacheName,
					"a letter followed by up to 63 letters, digits or '-'");
			String keyType = optionalText(node, prefix, "keyType", "string");
			check(Set.of("string", "long", "uuid").contains(keyType), prefix + "keyType", keyType,
					"one of string, long, uuid");
			String valueType = optionalText(node, prefix, "valueType", "java.lang.Object");
			check(CLASS_NAME.matcher(valueType).matches(), prefix + "valueType", valueType, "the binary name of a class");
			JsonNode sizeNode = node.get("size");
			if (sizeNode == null || !sizeNode.isIntegralNumber() || !sizeNode.canConvertToLong()
					|| sizeNode.longValue() < 1) {
				throw invalid(prefix + "size", (sizeNode != null) ? sizeNode.toString() : null,
						"the maximum number of entries on the heap, 1 or more");
			}
			JsonNode tiers = node.get("tiers");
			long offHeap = 0;
			long disk = 0;
			if (tiers != null) {
				requireObject(tiers, prefix + "tiers");
				rejectUnknown(tiers, prefix + "tiers.", TIER_FIELDS);
				offHeap = bytes(optionalDataSize(tiers, prefix + "tiers.", "offHeap"));
				disk = bytes(optionalDataSize(tiers, prefix + "tiers.", "disk"));
			}
			CacheDeclaration cache = new CacheDeclaration(cacheName, keyType, valueType, sizeNode.longValue(), offHeap,
					disk, optionalDuration(node, prefix, "ttl"), optionalDuration(node, prefix, "tti"),
					optionalText(node, prefix, "table", null),
					optionalBoolean(node, prefix, "survivesRedeploy", false), origin(node, prefix));
			try {
				cache.toDefinition();
			}
			catch (InvalidCacheDefinitionException ex) {
				throw new InvalidComponentException("Invalid component descriptor in '" + this.source + "': "
						+ ex.getMessage() + " (at '" + prefix + ex.field() + "')", ex);
			}
			return cache;
		}

		/** Reads the optional {@code origin} object; an empty object declares an origin without stale windows. */
		private CacheDefinition.Origin origin(JsonNode cache, String prefix) {
			JsonNode origin = cache.get("origin");
			if (origin == null || origin.isNull()) {
				return null;
			}
			requireObject(origin, prefix + "origin");
			rejectUnknown(origin, prefix + "origin.", ORIGIN_FIELDS);
			return new CacheDefinition.Origin(optionalDuration(origin, prefix + "origin.", "staleWhileRevalidate"),
					optionalDuration(origin, prefix + "origin.", "staleIfError"));
		}

		private String topic(JsonNode node, String path) {
			String topic = text(node, path);
			boolean valid = !topic.isEmpty() && !topic.startsWith("/") && !topic.endsWith("/")
					&& !topic.contains("//");
			check(valid, path, topic, "a topic of levels separated by '/', such as orders/created or orders/#");
			return topic;
		}

		private <T> List<T> list(JsonNode node, String field, Element<T> element) {
			return list(node, "", field, element);
		}

		private <T> List<T> list(JsonNode node, String prefix, String field, Element<T> element) {
			JsonNode array = node.get(field);
			if (array == null || array.isNull()) {
				return List.of();
			}
			if (!array.isArray()) {
				throw invalid(prefix + field, array.toString(), "a JSON array");
			}
			List<T> result = new ArrayList<>();
			int index = 0;
			for (JsonNode item : array.values()) {
				result.add(element.read(item, prefix + field + "[" + index++ + "]"));
			}
			return result;
		}

		private String text(JsonNode node, String path) {
			if (node == null || !node.isString() || node.stringValue().isBlank()) {
				throw invalid(path, (node != null) ? node.toString() : null, "a non-empty string");
			}
			return node.stringValue().trim();
		}

		private String requiredText(JsonNode node, String prefix, String field) {
			JsonNode value = node.get(field);
			if (value == null || value.isNull()) {
				throw new InvalidComponentException("Invalid component descriptor in '" + this.source
						+ "': required field '" + prefix + field + "' is missing; add it to "
						+ ComponentDescriptorLocation.PATH);
			}
			return text(value, prefix + field);
		}

		private String optionalText(JsonNode node, String prefix, String field, String defaultValue) {
			JsonNode value = node.get(field);
			return (value == null || value.isNull()) ? defaultValue : text(value, prefix + field);
		}

		private boolean optionalBoolean(JsonNode node, String prefix, String field, boolean defaultValue) {
			JsonNode value = node.get(field);
			if (value == null || value.isNull()) {
				return defaultValue;
			}
			if (!value.isBoolean()) {
				throw invalid(prefix + field, value.toString(), "true or false");
			}
			return value.booleanValue();
		}

		private Duration optionalDuration(JsonNode node, String prefix, String field) {
			return optional(node, prefix, field, text -> Durations.parse(prefix + field, text),
					"a duration such as 30s, 5m, 1d or PT1H");
		}

		private DataSize optionalDataSize(JsonNode node, String prefix, String field) {
			return optional(node, prefix, field, DataSize::parse, "a size such as 64MB or 1GB");
		}

		private long bytes(DataSize size) {
			return (size != null) ? size.toBytes() : 0;
		}

		private <T> T optional(JsonNode node, String prefix, String field, Function<String, T> parser,
				String expected) {
			String text = optionalText(node, prefix, field, null);
			if (text == null) {
				return null;
			}
			try {
				return parser.apply(text);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(prefix + field, text, expected);
			}
		}

		private void requireObject(JsonNode node, String path) {
			if (!node.isObject()) {
				throw invalid(path, node.toString(), "a JSON object");
			}
		}

		private void rejectUnknown(JsonNode node, String prefix, Set<String> known) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				if (!known.contains(property.getKey())) {
					throw new InvalidComponentException("Invalid component descriptor in '" + this.source
							+ "': unknown field '" + prefix + property.getKey() + "'; expected one of "
							+ known.stream().sorted().toList());
				}
			}
		}

		private void checkUnique(List<String> names, String field, String what) {
			Set<String> seen = new HashSet<>();
			for (String name : names) {
				if (!seen.add(name)) {
					throw new InvalidComponentException("Invalid component descriptor in '" + this.source + "': "
							+ what + " '" + name + "' appears more than once in '" + field + "'");
				}
			}
		}

		private void check(boolean valid, String field, String value, String expected) {
			if (!valid) {
				throw invalid(field, value, expected);
			}
		}

		private InvalidComponentException invalid(String field, String value, String expected) {
			return new InvalidComponentException("Invalid component descriptor in '" + this.source + "': field '"
					+ field + "' has value " + ((value != null) ? "'" + value + "'" : "null") + ", expected "
					+ expected);
		}

	}

	/** Reads one element of a JSON array found at {@code path}. */
	@FunctionalInterface
	private interface Element<T> {

		T read(JsonNode node, String path);

	}

}
