package dev.microlith.platform.cache;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.core.config.DefaultConfiguration;
import org.ehcache.impl.config.persistence.CacheManagerPersistenceConfiguration;
import org.ehcache.jsr107.Eh107Configuration;
import org.ehcache.jsr107.EhcacheCachingProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.microlith.sdk.cache.Cache;

/**
 * The node's caches: creates the caches components declare in one Ehcache cache manager,
 * reached through JCache, and releases them when their component stops.
 * <p>
 * Each cache is named {@code <component>.<cache>} in the cache manager, in
 * {@code /actuator/caches} and in the {@code cache} tag of its meters, which also carry
 * {@code component=<component>}. Values of the component's own classes are stored as
 * objects on the heap and as JSON in the off-heap and disk tiers, written and read with the
 * classes that the component's class loader resolved.
 * <p>
 * A cache that survives redeploys keeps its entries when its component is released: a
 * cache with a disk tier keeps them on disk, and any other keeps them as JSON in memory
 * until the component creates the cache again. Values are then read with the new class
 * loader. Thread-safe.
 */
public class CacheService implements TableCacheInvalidator, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CacheService.class);

	private static final AtomicInteger managerCount = new AtomicInteger();

	private static final Set<Class<?>> TABLE_KEY_TYPES = Set.of(String.class, Long.class, UUID.class);

	/** Short names of key types, as descriptors name table keys. */
	private static final Map<String, Class<?>> KEY_TYPE_NAMES = Map.of("string", String.class, "long", Long.class,
			"uuid", UUID.class);

	private final Path diskDirectory;

	private final Clock clock;

	private final EhcacheCachingProvider provider = new EhcacheCachingProvider();

	private final javax.cache.CacheManager manager;

	private final CacheMeters meters;

	private final ThreadPoolExecutor refreshExecutor;

	private final Map<CacheId, ComponentCache<?, ?>> caches = new ConcurrentHashMap<>();

	private final Map<String, List<ComponentCache<?, ?>>> cachesByTable = new ConcurrentHashMap<>();

	private final Map<CacheId, Retained> retained = new ConcurrentHashMap<>();

	/**
	 * Creates the service and its cache manager.
	 * @param diskDirectory the directory of persistent disk tiers, created when missing
	 * @param meterRegistry the registry that receives each cache's meters
	 * @param refreshThreads the number of threads that run background refreshes of
	 * synchronous loaders
	 * @param clock the clock that dates entries, for time to live and staleness
	 */
	public CacheService(Path diskDirectory, MeterRegistry meterRegistry, int refreshThreads, Clock clock) {
		this.diskDirectory = Objects.requireNonNull(diskDirectory, "'diskDirectory' must not be null");
		this.meters = new CacheMeters(Objects.requireNonNull(meterRegistry, "'meterRegistry' must not be null"));
		this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
		this.refreshExecutor = newRefreshExecutor(refreshThreads);
		ClassLoader platformLoader = CacheService.class.getClassLoader();
		DefaultConfiguration configuration = new DefaultConfiguration(platformLoader,
				new CacheManagerPersistenceConfiguration(diskDirectory.toFile()));
		URI uri = URI.create("urn:microlith:caches:" + managerCount.incrementAndGet());
		this.manager = this.provider.getCacheManager(uri, configuration);
	}

	/**
	 * Creates the caches a component declares, or none of them when one is invalid.
	 * @return the caches by name, in declaration order
	 * @throws InvalidCacheDefinitionException when two definitions share a name, a class is
	 * not found, or Ehcache rejects a definition
	 */
	public synchronized Map<String, Cache<Object, Object>> createAll(String owner,
			Collection<CacheDefinition> definitions, ClassLoader classLoader) {
		CacheDefinition.checkUnique(definitions);
		Map<String, Cache<Object, Object>> created = new LinkedHashMap<>();
		try {
			for (CacheDefinition definition : definitions) {
				created.put(definition.name(), create(owner, definition, classLoader));
			}
		}
		catch (RuntimeException ex) {
			release(owner);
			throw ex;
		}
		return created;
	}

	/**
	 * Creates one cache of a component. Its entries are those kept from the component's
	 * previous deploy when the definition marks the cache as surviving redeploys, else none.
	 * @param owner the name of the component that declares the cache
	 * @param classLoader the component's class loader, which resolves the key and value types
	 * @return the cache, valid until {@link #release(String)} of its owner
	 * @throws InvalidCacheDefinitionException when the component already has a cache of
	 * that name, a class is not found, or Ehcache rejects the definition
	 */
	public synchronized Cache<Object, Object> create(String owner, CacheDefinition definition,
			ClassLoader classLoader) {
		Objects.requireNonNull(owner, "'owner' must not be null");
		Objects.requireNonNull(definition, "'definition' must not be null");
		Objects.requireNonNull(classLoader, "'classLoader' must not be null");
		CacheId id = new CacheId(owner, definition.name());
		if (this.caches.containsKey(id)) {
			throw new InvalidCacheDefinitionException(definition.name(), "name", "component '" + owner
					+ "' already has a cache of this name; declare each cache once");
		}
		Class<?> keyClass = loadClass(definition, "keyType", definition.keyType(), classLoader);
		Class<?> valueClass = loadClass(definition, "valueType", definition.valueType(), classLoader);
		if (definition.table() != null && !TABLE_KEY_TYPES.contains(keyClass)) {
			throw new InvalidCacheDefinitionException(definition.name(), "keyType", "a cache bound to table '"
					+ definition.table() + "' needs java.lang.String, java.lang.Long or java.util.UUID keys, as tables have, not "
					+ keyClass.getName());
		}
		ComponentCache<Object, Object> cache = new ComponentCache<>(owner, definition,
				openStore(id, definition, keyClass, valueClass, classLoader), keyClass, valueClass, this.clock,
				this.refreshExecutor);
		restoreKept(id, cache);
		register(id, cache);
		logger.debug("Created cache '{}' of component '{}'", definition.name(), owner);
		return cache;
	}

	/**
	 * Makes handles that {@link #handOver} left bypassing their caches use caches again,
	 * created anew for them, when the new version that took the caches over failed to
	 * start. Entries of surviving caches that the new version kept are read back with
	 * {@code classLoader}.
	 * @param owner the component whose caches the handles are
	 * @param classLoader the class loader of the version that has the handles
	 */
	public synchronized void takeBack(String owner, Collection<? extends Cache<?, ?>> handles,
			ClassLoader classLoader) {
		release(owner);
		for (Cache<?, ?> handle : handles) {
			@SuppressWarnings("unchecked")
			ComponentCache<Object, Object> cache = (ComponentCache<Object, Object>) handle;
			CacheId id = new CacheId(owner, cache.name());
			cache.reactivate(openStore(id, cache.definition(), cache.keyClass(), cache.valueClass(), classLoader));
			restoreKept(id, cache);
			register(id, cache);
		}
		logger.info("Component '{}' took back {} caches after its new version failed to start", owner,
				handles.size());
	}

	/**
	 * Returns a cache of a component, typed as the component declared it.
	 * @throws IllegalArgumentException when the component has no cache of that name, or the
	 * classes are not those the definition names, as loaded by the component's class loader
	 */
	public <K, V> Cache<K, V> cache(String owner, String name, Class<K> keyType, Class<V> valueType) {
		ComponentCache<?, ?> cache = this.caches.get(new CacheId(owner, name));
		if (cache == null) {
			throw new IllegalArgumentException(
					"Component '" + owner + "' declares no cache named '" + name + "'; declare it in the descriptor");
		}
		return typed(cache, keyType, valueType);
	}

	/**
	 * Returns a handle that {@link #create} or {@link #createAll} returned, typed as the
	 * component declared it. Unlike {@link #cache}, it returns the handle even after the
	 * cache was handed over or released.
	 * @throws IllegalArgumentException when the classes are not those the definition names,
	 * as loaded by the component's class loader
	 */
	@SuppressWarnings("unchecked")
	public static <K, V> Cache<K, V> typed(Cache<?, ?> handle, Class<K> keyType, Class<V> valueType) {
		ComponentCache<?, ?> cache = (ComponentCache<?, ?>) handle;
		if (cache.keyClass() != keyType || cache.valueClass() != valueType) {
			throw new IllegalArgumentException("Cache '" + cache.name() + "' of component '" + cache.owner()
					+ "' is declared as " + cache.keyClass().getName() + " -> " + cache.valueClass().getName()
					+ ", not " + keyType.getName() + " -> " + valueType.getName());
		}
		return (Cache<K, V>) cache;
	}

	/**
	 * Releases every cache of a component: their handles stop working, their meters are
	 * removed, and their entries are dropped unless the cache survives redeploys.
	 */
	public synchronized void release(String owner) {
		releaseAll(owner, false);
	}

	/**
	 * Releases every cache of a component as {@link #release} does, for a new version of the
	 * component that creates them next, except that the old handles keep working until
	 * {@link #retire}: they store nothing, return empty from {@code get} and call the loader
	 * on every {@code getOrLoad}. The old version can so serve requests while the new one
	 * starts and while it drains.
	 */
	public synchronized void handOver(String owner) {
		releaseAll(owner, true);
	}

	/** Makes handles that {@link #handOver} left working throw {@link CacheReleasedException}. */
	public void retire(Collection<? extends Cache<?, ?>> handles) {
		for (Cache<?, ?> handle : handles) {
			((ComponentCache<?, ?>) handle).markReleased();
		}
	}

	/** Drops the entries that the caches of a component kept for its next deploy. */
	public synchronized void discard(String owner) {
		for (CacheId id : List.copyOf(this.retained.keySet())) {
			if (id.owner().equals(owner)) {
				this.retained.remove(id);
				destroyPersistentData(id);
			}
		}
	}

	@Override
	public void invalidate(String table, Object key) {
		for (ComponentCache<?, ?> cache : this.cachesByTable.getOrDefault(table, List.of())) {
			cache.invalidate(key);
		}
	}

	@Override
	public void invalidateAll(String table) {
		for (ComponentCache<?, ?> cache : this.cachesByTable.getOrDefault(table, List.of())) {
			cache.clear();
		}
	}

	/**
	 * Removes every entry of a cache, for the operations API.
	 * @throws CacheNotFoundException when no running component has that cache
	 */
	public void clear(String owner, String name) {
		ComponentCache<?, ?> cache = this.caches.get(new CacheId(owner, name));
		if (cache == null) {
			throw new CacheNotFoundException(owner, name);
		}
		cache.clear();
	}

	/** Returns the counters of every cache of the running components, ordered by component and name. */
	public List<CacheStatistics> statistics() {
		List<CacheStatistics> result = new ArrayList<>();
		this.caches.keySet()
			.stream()
			.sorted()
			.forEach((id) -> result.add(this.meters.statisticsOf(id)));
		return result;
	}

	/** Returns the names of the live caches in the cache manager, {@code <component>.<cache>}. */
	public List<String> cacheNames() {
		return this.caches.keySet().stream().sorted().map(CacheId::alias).toList();
	}

	/**
	 * Returns a live cache as a Spring cache, for {@code /actuator/caches} and metrics, or
	 * {@code null} when no running component has a cache of that name.
	 * @param alias the name in the cache manager, {@code <component>.<cache>}
	 */
	public org.springframework.cache.Cache springCache(String alias) {
		for (Map.Entry<CacheId, ComponentCache<?, ?>> entry : this.caches.entrySet()) {
			if (entry.getKey().alias().equals(alias)) {
				return new SpringCacheView(entry.getValue());
			}
		}
		return null;
	}

	/**
	 * Closes every cache and the cache manager. Disk tiers are written out, so entries of
	 * caches that survive redeploys are there when the node starts again.
	 */
	@Override
	public synchronized void close() {
		this.refreshExecutor.shutdownNow();
		for (CacheId id : List.copyOf(this.caches.keySet())) {
			ComponentCache<?, ?> cache = this.caches.remove(id);
			cache.markReleased();
			this.meters.unbind(id, cache);
		}
		this.cachesByTable.clear();
		this.manager.close();
		this.provider.close();
		logger.info("Closed the cache manager; disk tiers are in '{}'", this.diskDirectory);
	}

	private void releaseAll(String owner, boolean bypass) {
		int released = 0;
		int kept = 0;
		for (CacheId id : List.copyOf(this.caches.keySet())) {
			if (id.owner().equals(owner)) {
				kept += releaseOne(id, bypass) ? 1 : 0;
				released++;
			}
		}
		if (released > 0) {
			logger.info("Released {} caches of component '{}', {} of them kept for its next deploy{}", released,
					owner, kept, bypass ? "; its running version bypasses them until it stops" : "");
		}
	}

	private boolean releaseOne(CacheId id, boolean bypass) {
		ComponentCache<?, ?> cache = this.caches.remove(id);
		if (bypass) {
			cache.bypass();
		}
		else {
			cache.markReleased();
		}
		this.meters.unbind(id, cache);
		String table = cache.definition().table();
		if (table != null) {
			this.cachesByTable.computeIfPresent(table, (name, bound) -> {
				bound.remove(cache);
				return bound.isEmpty() ? null : bound;
			});
		}
		if (!cache.definition().survivesRedeploy()) {
			this.manager.destroyCache(id.alias());
			return false;
		}
		if (cache.definition().disk() != null) {
			// Closing, unlike destroying, keeps the persistent disk tier for the next create.
			cache.store().close();
			this.retained.put(id, new Retained(null));
		}
		else {
			this.retained.put(id, new Retained(Snapshot.of(cache, logger)));
			this.manager.destroyCache(id.alias());
		}
		return true;
	}

	/**
	 * Opens the store of a cache: with the entries kept on disk from the component's
	 * previous deploy when the cache survives redeploys, else empty.
	 */
	private javax.cache.Cache<Object, CacheEntry> openStore(CacheId id, CacheDefinition definition,
			Class<?> keyClass, Class<?> valueClass, ClassLoader classLoader) {
		if (!definition.survivesRedeploy()) {
			this.retained.remove(id);
			destroyPersistentData(id);
		}
		return createStore(id, definition, keyClass, valueClass, classLoader);
	}

	/** Stores the entries that a surviving cache kept in a snapshot, if any, in {@code cache}. */
	private void restoreKept(CacheId id, ComponentCache<Object, Object> cache) {
		Retained kept = this.retained.remove(id);
		if (kept != null && kept.snapshot() != null) {
			kept.snapshot().restoreInto(cache, logger);
		}
	}

	private void register(CacheId id, ComponentCache<Object, Object> cache) {
		this.caches.put(id, cache);
		String table = cache.definition().table();
		if (table != null) {
			this.cachesByTable.computeIfAbsent(table, (name) -> new CopyOnWriteArrayList<>()).add(cache);
		}
		this.meters.bind(id, cache);
	}

	private javax.cache.Cache<Object, CacheEntry> createStore(CacheId id, CacheDefinition definition,
			Class<?> keyClass, Class<?> valueClass, ClassLoader classLoader) {
		CacheConfigurationBuilder<Object, CacheEntry> builder = CacheConfigurationBuilder
			.newCacheConfigurationBuilder(Object.class, CacheEntry.class, resourcePools(definition))
			.withClassLoader(classLoader)
			.withExpiry(new EntryExpiry(retention(definition), definition.timeToIdle(), this.clock));
		if (definition.offHeap() != null || definition.disk() != null) {
			JsonMapper mapper = JsonSerializers.newMapper();
			builder = builder.withKeySerializer(new JsonSerializers.KeySerializer(mapper, keyClass))
				.withValueSerializer(new JsonSerializers.EntrySerializer(mapper, valueClass));
		}
		javax.cache.Cache<Object, CacheEntry> store;
		try {
			store = this.manager.createCache(id.alias(), Eh107Configuration.fromEhcacheCacheConfiguration(builder));
		}
		catch (RuntimeException ex) {
			throw new InvalidCacheDefinitionException(definition.name(), "name",
					"Ehcache could not create the cache: " + ex.getMessage(), ex);
		}
		this.manager.enableStatistics(id.alias(), true);
		return store;
	}

	private static ResourcePoolsBuilder resourcePools(CacheDefinition definition) {
		ResourcePoolsBuilder pools = ResourcePoolsBuilder.newResourcePoolsBuilder()
			.heap(definition.heapEntries(), EntryUnit.ENTRIES);
		if (definition.offHeap() != null) {
			pools = pools.offheap(definition.offHeap().toBytes(), MemoryUnit.B);
		}
		if (definition.disk() != null) {
			pools = pools.disk(definition.disk().toBytes(), MemoryUnit.B, true);
		}
		return pools;
	}

	private static Duration retention(CacheDefinition definition) {
		if (definition.timeToLive() == null) {
			return null;
		}
		return definition.sourced() ? definition.timeToLive().plus(definition.origin().maxStaleness())
				: definition.timeToLive();
	}

	private void destroyPersistentData(CacheId id) {
		try {
			this.manager.unwrap(org.ehcache.PersistentCacheManager.class).destroyCache(id.alias());
		}
		catch (org.ehcache.CachePersistenceException ex) {
			logger.warn("Failed to delete the disk tier of cache '{}' of component '{}' in '{}'", id.name(),
					id.owner(), this.diskDirectory, ex);
		}
	}

	private static Class<?> loadClass(CacheDefinition definition, String field, String className,
			ClassLoader classLoader) {
		Class<?> keyClass = KEY_TYPE_NAMES.get(className);
		if (keyClass != null) {
			return keyClass;
		}
		try {
			return Class.forName(className, false, classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidCacheDefinitionException(definition.name(), field, "class '" + className
					+ "' not found by the component's class loader; check the name and that the jar contains it", ex);
		}
	}

	private static ThreadPoolExecutor newRefreshExecutor(int threads) {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(10_000), (task) -> {
					Thread thread = new Thread(task, "cache-refresh-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/** A cache's identity: its component and its name within the component. */
	record CacheId(String owner, String name) implements Comparable<CacheId> {

		String alias() {
			return this.owner + "." + this.name;
		}

		@Override
		public int compareTo(CacheId other) {
			return alias().compareTo(other.alias());
		}

	}

	/**
	 * The entries a surviving cache keeps between its component's release and the next
	 * create: a snapshot, or {@code null} when they stay in the persistent disk tier.
	 */
	private record Retained(Snapshot snapshot) {

	}

}
