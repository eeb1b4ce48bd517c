package dev.microlith.platform.component;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.microlith.platform.security.TableOperation;
import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableDefinition;

/**
 * A table as a component's descriptor declares it.
 * @param name the table's name
 * @param keyType the type of its keys
 * @param indexes the JSON paths of its indexed fields
 * @param timeToLive how long a record lives after its last write, or {@code null} for ever
 * @param exported whether the REST API and the RSocket {@code tables.*} routes serve it
 * @param publicOperations the operations on an exported table that every caller may do,
 * without authenticating
 */
public record TableDeclaration(String name, KeyType keyType, List<String> indexes, Duration timeToLive,
		boolean exported, Set<TableOperation> publicOperations) {

	public TableDeclaration {
		indexes = List.copyOf(indexes);
		publicOperations = Set.copyOf(publicOperations);
	}

	/** Returns the storage definition of this table, owned by {@code owner}. */
	public TableDefinition toDefinition(String owner) {
		List<TableDefinition.IndexDefinition> definitions = this.indexes.stream()
			.map(TableDefinition.IndexDefinition::new)
			.toList();
		return new TableDefinition(this.name, this.keyType, definitions, this.timeToLive, this.exported, owner);
	}

}
