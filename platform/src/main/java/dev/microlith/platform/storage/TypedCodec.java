package dev.microlith.platform.storage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.microlith.sdk.table.InvalidRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes records of one Java class through Jackson.
 * <p>
 * Each record class gets its own mapper, held by a {@link ClassValue}, so the caches of a
 * mapper never keep the class loader of an undeployed component alive. Records of classes
 * whose instances are immutable (Java records whose components are strings, numbers,
 * booleans, UUIDs, enums, {@code java.time} values or such records) are decoded once and
 * shared; others are decoded afresh on every read.
 * @param <V> the record type
 */
final class TypedCodec<V> implements RecordCodec<V> {

	private static final ClassValue<TypeSupport> SUPPORT = new ClassValue<>() {
		@Override
		protected TypeSupport computeValue(Class<?> type) {
			JsonMapper mapper = Json.newMapper();
			return new TypeSupport(mapper, isImmutable(type, Set.of()), fieldsOf(mapper, type));
		}
	};

	private final Class<V> type;

	private final TypeSupport support;

	TypedCodec(Class<V> type) {
		this.type = type;
		this.support = SUPPORT.get(type);
	}

	@Override
	public ObjectNode toTree(String table, V value) {
		if (value == null) {
			throw new InvalidRecordException("Invalid record for table '" + table + "': expected a "
					+ this.type.getName() + ", not null");
		}
		JsonNode tree;
		try {
			tree = this.support.mapper.valueToTree(value);
		}
		catch (JacksonException ex) {
			throw new InvalidRecordException("Invalid record of type " + value.getClass().getName() + " for table '"
					+ table + "': cannot write it as JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(tree instanceof ObjectNode object)) {
			throw new InvalidRecordException("Invalid record of type " + value.getClass().getName() + " for table '"
					+ table + "': expected a class written as a JSON object, got " + tree.getNodeType());
		}
		return object;
	}

	@Override
	@SuppressWarnings("unchecked")
	public V decode(StoredRecord record) {
		if (!this.support.immutable) {
			return this.support.mapper.readValue(record.json, this.type);
		}
		Object cached = record.cachedValue(this.type);
		if (cached == null) {
			cached = this.support.mapper.readValue(record.json, this.type);
			record.cacheValue(this.type, cached);
		}
		return (V) cached;
	}

	@Override
	public V fromTree(String table, JsonNode tree) {
		try {
			return this.support.mapper.treeToValue(tree, this.type);
		}
		catch (JacksonException ex) {
			throw new InvalidRecordException("Invalid record for table '" + table + "': it does not match "
					+ this.type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public JsonNode fieldToTree(Object value) {
		return this.support.mapper.valueToTree(value);
	}

	@Override
	public Map<String, FieldKind> fields() {
		return this.support.fields;
	}

	private static boolean isImmutable(Class<?> type, Set<Class<?>> visiting) {
		if (type.isPrimitive() || type.isEnum() || type == String.class || type == UUID.class
				|| type == BigDecimal.class || type == BigInteger.class || type == Boolean.class
				|| type == Character.class) {
			return true;
		}
		if (Number.class.isAssignableFrom(type) && type.getName().startsWith("java.lang.")) {
			return true;
		}
		if (type.getName().startsWith("java.time.")) {
			return true;
		}
		if (!type.isRecord() || visiting.contains(type)) {
			return false;
		}
		Set<Class<?>> nested = new java.util.HashSet<>(visiting);
		nested.add(type);
		for (RecordComponent component : type.getRecordComponents()) {
			if (!isImmutable(component.getType(), nested)) {
				return false;
			}
		}
		return true;
	}

	private static Map<String, FieldKind> fieldsOf(JsonMapper mapper, Class<?> type) {
		Map<String, FieldKind> fields = new LinkedHashMap<>();
		try {
			mapper.acceptJsonFormatVisitor(type, new PropertyCollector(fields));
		}
		catch (JacksonException ex) {
			// Without the properties, queries on this type are not checked against them.
			return null;
		}
		return fields.isEmpty() ? null : Collections.unmodifiableMap(fields);
	}

	private static FieldKind kindOf(JavaType type) {
		Class<?> raw = type.getRawClass();
		if (raw == boolean.class || raw == Boolean.class) {
			return FieldKind.BOOLEAN;
		}
		if ((raw.isPrimitive() && raw != char.class) || Number.class.isAssignableFrom(raw)) {
			return FieldKind.NUMBER;
		}
		if (raw == String.class || raw == UUID.class || raw.isEnum()) {
			return FieldKind.STRING;
		}
		return FieldKind.ANY;
	}

	private record TypeSupport(JsonMapper mapper, boolean immutable, Map<String, FieldKind> fields) {
	}

	/** Collects the JSON property names and kinds of a bean or record type. */
	private static final class PropertyCollector extends JsonFormatVisitorWrapper.Base {

		private final Map<String, FieldKind> fields;

		PropertyCollector(Map<String, FieldKind> fields) {
			this.fields = fields;
		}

		@Override
		public JsonObjectFormatVisitor expectObjectFormat(JavaType type) {
			return new JsonObjectFormatVisitor.Base(getContext()) {

				@Override
				public void property(BeanProperty property) {
					PropertyCollector.this.fields.put(property.getName(), kindOf(property.getType()));
				}

				@Override
				public void optionalProperty(BeanProperty property) {
					property(property);
				}

			};
		}

	}

}
