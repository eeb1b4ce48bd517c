package dev.microlith.sdk.table;

import java.util.Map;
import java.util.Optional;

/**
 * The view of the tables inside {@link Tables#transaction}. Its methods are synchronous
 * and must only be called from the thread running the transaction.
 */
public interface Transaction {

	/** Returns a typed view of {@code table} inside this transaction. */
	<K, V> View<K, V> table(String table, Class<K> keyType, Class<V> recordType);

	/** Returns a JSON document view of {@code table} inside this transaction. */
	View<Object, Map<String, Object>> documents(String table);

	/**
	 * A table inside a transaction.
	 * @param <K> the key type
	 * @param <V> the record type
	 */
	interface View<K, V> {

		/** Returns the record under {@code key}, including writes of this transaction. */
		Optional<Row<K, V>> get(K key);

		/** Inserts a record; throws {@link DuplicateKeyException} when the key exists. */
		Row<K, V> insert(K key, V value);

		/** Creates or replaces the record under {@code key}. */
		Row<K, V> put(K key, V value);

		/** Merges {@code fields} into the record; throws {@link RecordNotFoundException}. */
		Row<K, V> patch(K key, Map<String, ?> fields);

		/** Deletes the record under {@code key}; returns whether there was one. */
		boolean delete(K key);

	}

}
