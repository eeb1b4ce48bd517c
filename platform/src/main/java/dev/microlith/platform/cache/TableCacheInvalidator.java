package dev.microlith.platform.cache;

/**
 * The hook through which the storage writer keeps table-bound caches consistent with
 * their tables.
 * <p>
 * The writer calls {@link #invalidate(String, Object)} once for every committed change of
 * a record, after the commit is durable and before it completes the write's {@code Mono}
 * (or any other acknowledgement), on the thread that completes it. A reader that observes
 * the acknowledgement therefore never reads the old value from a bound cache.
 * <p>
 * The call removes entries in memory, and from disk only when a bound cache has a disk
 * tier. It waits for no other thread except for a short lock that orders it against
 * concurrent loads of the same key. Implementations are thread-safe.
 */
public interface TableCacheInvalidator {

	/** An invalidator for nodes without caches. */
	TableCacheInvalidator NONE = new TableCacheInvalidator() {

		@Override
		public void invalidate(String table, Object key) {
		}

		@Override
		public void invalidateAll(String table) {
		}

	};

	/**
	 * Removes the entry of {@code key} from every cache bound to {@code table}, and keeps
	 * any load of that key that started earlier from storing its value.
	 * @param table the table written to
	 * @param key the record's key, as a {@code String}, {@code Long} or {@code UUID}
	 */
	void invalidate(String table, Object key);

	/**
	 * Removes every entry of every cache bound to {@code table}, as when the table is
	 * cleared, dropped or restored from a backup.
	 */
	void invalidateAll(String table);

}
