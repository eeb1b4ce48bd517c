package dev.microlith.platform.storage;

import java.util.Collection;
import java.util.Optional;

import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.Tables;

/**
 * The node's tables: declared by components, used through the SDK handles.
 * <p>
 * Tables outlive the components that declare them: undeploying a component keeps its
 * data, and a redeployed version that declares the same table reopens it.
 */
public interface TableService {

	/**
	 * Creates the table, or opens it with its stored data, and builds any index the
	 * definition adds.
	 * @throws dev.microlith.sdk.table.TableException when another component owns a table
	 * of that name, or the definition is incompatible with the stored table (such as a
	 * different key type)
	 */
	void declare(TableDefinition definition);

	/** Returns the definition of {@code name}, or empty when no table has that name. */
	Optional<TableDefinition> definition(String name);

	/** Returns the definitions of every declared table. */
	Collection<TableDefinition> definitions();

	/** Returns the SDK view of every table, for generic access and transactions. */
	Tables tables();

	/**
	 * Returns a typed handle to {@code name}, whose records are read and written as
	 * {@code recordType} through JSON, using {@code recordType}'s class loader.
	 * @throws dev.microlith.sdk.table.TableNotFoundException when the table is unknown
	 * @throws dev.microlith.sdk.table.TableException when {@code keyType} does not match
	 */
	<K, V> Table<K, V> table(String name, Class<K> keyType, Class<V> recordType);

}
