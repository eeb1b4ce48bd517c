package dev.microlith.platform.storage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.microlith.sdk.table.TableException;
import tools.jackson.core.type.TypeReference;

/**
 * The parts of a table definition the store keeps, as JSON in its metadata, to check
 * later declarations against.
 */
final class StoredDefinition {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private StoredDefinition() {
	}

	static String encode(TableDefinition definition) {
		Map<String, Object> stored = new LinkedHashMap<>();
		stored.put("keyType", definition.keyType().name());
		stored.put("owner", definition.owner());
		stored.put("indexes", definition.indexes().stream().map(TableDefinition.IndexDefinition::field).toList());
		stored.put("timeToLive", (definition.timeToLive() != null) ? definition.timeToLive().toString() : null);
		stored.put("exported", definition.exported());
		return Json.mapper().writeValueAsString(stored);
	}

	/** Restores a definition written by {@link #encode}. */
	@SuppressWarnings("unchecked")
	static TableDefinition decode(String name, String json) {
		Map<String, Object> stored = Json.mapper().readValue(json, MAP);
		List<TableDefinition.IndexDefinition> indexes = ((List<String>) stored.get("indexes")).stream()
			.map(TableDefinition.IndexDefinition::new)
			.toList();
		Object timeToLive = stored.get("timeToLive");
		return new TableDefinition(name, KeyType.valueOf((String) stored.get("keyType")), indexes,
				(timeToLive != null) ? Duration.parse((String) timeToLive) : null,
				Boolean.TRUE.equals(stored.get("exported")), (String) stored.get("owner"));
	}

	/**
	 * Checks that {@code declared} can open the table stored as {@code stored}.
	 * @throws TableException when the owner or the key type differ
	 */
	static void checkCompatible(TableDefinition stored, TableDefinition declared) {
		if (!stored.owner().equals(declared.owner())) {
			throw new TableException("Cannot declare table '" + declared.name() + "' for component '"
					+ declared.owner() + "': it belongs to component '" + stored.owner()
					+ "'; choose another table name, or use that component's table if it is exported");
		}
		if (stored.keyType() != declared.keyType()) {
			throw new TableException("Cannot declare table '" + declared.name() + "' with "
					+ declared.keyType().name().toLowerCase(java.util.Locale.ROOT) + " keys: it is stored with "
					+ stored.keyType().name().toLowerCase(java.util.Locale.ROOT)
					+ " keys; declare that key type, or use a new table name and copy the records over");
		}
	}

}
