package dev.microlith.platform.storage;

/**
 * Told of every committed write on the table writer's thread, after the write is durable
 * and visible to readers but before its caller's {@code Mono} completes. Caches bound to
 * a table use it, so that no reader can see a stale entry once a write is acknowledged.
 * <p>
 * Implementations must be fast and must not block or write to tables. An exception is
 * logged and does not fail the write.
 */
@FunctionalInterface
public interface CommitListener {

	/**
	 * Called once per written record.
	 * @param table the table's name
	 * @param key the record's key, of the table's key type
	 */
	void committed(String table, Object key);

}
