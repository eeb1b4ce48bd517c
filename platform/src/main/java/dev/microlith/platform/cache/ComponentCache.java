package dev.microlith.platform.cache;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.microlith.sdk.cache.Cache;

/**
 * A component's cache: the SDK {@link Cache} over one Ehcache cache, with single-flight
 * loads, origin staleness rules and invalidation.
 * <p>
 * Concurrent loads of one key share one call of the loader. A loaded value is stored only
 * if no removal of its key happened while the loader ran (see {@link LoadGuard}) and no
 * newer write replaced the entry it refreshes. Thread-safe.
 * <p>
 * A handle whose cache was handed over to a new version of its component bypasses the
 * cache until it is released: it stores nothing, {@code get} returns empty and the
 * {@code getOrLoad} forms call the loader on every call, so that the old version keeps
 * serving requests while it drains.
 * <p>
 * NOTE: waiters wait as long as the loader runs, with no timeout of their own, and a
 * loader that loads its own key waits for itself.
 */
final class ComponentCache<K, V> implements Cache<K, V> {

	private static final Logger logger = LoggerFactory.getLogger(ComponentCache.class);

	private static final long WARNING_INTERVAL_MILLIS = 60_000;

	private final String owner;

	private final CacheDefinition definition;

	private volatile javax.cache.Cache<Object, CacheEntry> store;

	private final Class<?> keyClass;

	private final Class<?> valueClass;

	private final Clock clock;

	private final Executor refreshExecutor;

	private final AtomicLong versions;

	private final LoadGuard guard = new LoadGuard();

	private final ConcurrentHashMap<Object, CompletableFuture<Object>> loads = new ConcurrentHashMap<>();

	private final AtomicLong lastRefreshWarning = new AtomicLong(Long.MIN_VALUE);

	private volatile Mode mode = Mode.ACTIVE;

	ComponentCache(String owner, CacheDefinition definition, javax.cache.Cache<Object, CacheEntry> store,
			Class<?> keyClass, Class<?> valueClass, Clock clock, Executor refreshExecutor) {
		this.owner = owner;
		this.definition = definition;
		this.store = store;
		this.keyClass = keyClass;
		this.valueClass = valueClass;
		this.clock = clock;
		this.refreshExecutor = refreshExecutor;
		this.versions = new AtomicLong(clock.millis() << 16);
	}

	@Override
	public String name() {
		return this.definition.name();
	}

	@Override
	public Optional<V> get(K key) {
		if (bypassed(key)) {
			return Optional.empty();
		}
		CacheEntry entry;
		try {
			entry = this.store.get(key);
		}
		catch (IllegalStateException ex) {
			checkHandedOver(ex);
			return Optional.empty();
		}
		if (entry == null || !isFresh(entry)) {
			return Optional.empty();
		}
		return Optional.of(valueOf(entry));
	}

	@Override
	public void put(K key, V value) {
		boolean bypassed = bypassed(key);
		checkValue(value);
		if (bypassed) {
			return;
		}
		CacheEntry entry = newEntry(value);
		try {
			this.guard.write(key, () -> this.store.put(key, entry));
		}
		catch (IllegalStateException ex) {
			checkHandedOver(ex);
		}
	}

	@Override
	public void remove(K key) {
		if (bypassed(key)) {
			return;
		}
		try {
			removeEntry(key);
		}
		catch (IllegalStateException ex) {
			checkHandedOver(ex);
		}
	}

	@Override
	public void clear() {
		if (checkMode() == Mode.BYPASS) {
			return;
		}
		try {
			this.guard.removeAll(() -> {
				this.store.clear();
				this.loads.clear();
			});
		}
		catch (IllegalStateException ex) {
			checkHandedOver(ex);
		}
	}

	@Override
	public V getOrLoad(K key, Function<? super K, ? extends V> loader) {
		boolean bypassed = bypassed(key);
		Objects.requireNonNull(loader, "'loader' must not be null");
		if (bypassed) {
			return loader.apply(key);
		}
		CacheEntry cached;
		CompletableFuture<Object> flight;
		try {
			cached = this.store.get(key);
			if (cached != null && isFresh(cached)) {
				return valueOf(cached);
			}
			if (cached != null && isRevalidating(cached)) {
				refreshInBackground(key, cached, () -> CompletableFuture.supplyAsync(() -> loader.apply(key),
						this.refreshExecutor));
				return valueOf(cached);
			}
			flight = load(key, cached, () -> callLoader(loader, key));
		}
		catch (IllegalStateException ex) {
			checkHandedOver(ex);
			return loader.apply(key);
		}
		try {
			return this.<V>await(flight);
		}
		catch (RuntimeException | Error ex) {
			if (isServableOnError(cached)) {
				logger.debug("Loader of cache '{}' of component '{}' failed; returning the stale value", name(),
						this.owner, ex);
				return valueOf(cached);
			}
			throw ex;
		}
	}

	@Override
	public Mono<V> getOrLoadAsync(K key, Function<? super K, Mono<V>> loader) {
		Objects.requireNonNull(loader, "'loader' must not be null");
		return Mono.defer(() -> {
			if (bypassed(key)) {
				return callLoaderDirectly(loader, key);
			}
			try {
				return getOrLoadActive(key, loader);
			}
			catch (IllegalStateException ex) {
				checkHandedOver(ex);
				return callLoaderDirectly(loader, key);
			}
		});
	}

	private Mono<V> getOrLoadActive(K key, Function<? super K, Mono<V>> loader) {
		CacheEntry cached = this.store.get(key);
		if (cached != null && isFresh(cached)) {
			return Mono.just(valueOf(cached));
		}
		Supplier<CompletableFuture<?>> call = () -> subscribeLoader(loader, key);
		if (cached != null && isRevalidating(cached)) {
			refreshInBackground(key, cached, call);
			return Mono.just(valueOf(cached));
		}
		Mono<V> loaded = Mono.fromFuture(load(key, cached, call), true).map(this::cast);
		return loaded.onErrorResume((ex) -> isServableOnError(cached), (ex) -> Mono.just(valueOf(cached)));
	}

	private Mono<V> callLoaderDirectly(Function<? super K, Mono<V>> loader, K key) {
		return Objects.requireNonNull(loader.apply(key),
				() -> "The loader of cache '" + name() + "' returned null instead of a Mono");
	}

	/**
	 * Checks that {@code failure}, thrown by the store, comes from a hand-over to a new
	 * version that closed the store during the call, and rethrows it otherwise.
	 */
	private void checkHandedOver(IllegalStateException failure) {
		if (checkMode() != Mode.BYPASS) {
			throw failure;
		}
	}

	/** Removes the entry of a key given as the bound table's key, before a write to it is acknowledged. */
	void invalidate(Object tableKey) {
		removeEntry(TableKeys.toCacheKey(tableKey, this.keyClass));
	}

	/** Returns whether a load or refresh of {@code key} is running. */
	boolean isLoading(Object key) {
		return this.loads.containsKey(key);
	}

	/** Marks the handle released; every later call throws {@link CacheReleasedException}. */
	void markReleased() {
		this.mode = Mode.RELEASED;
	}

	/**
	 * Makes a handle that bypasses the cache use {@code store} again, after the new version
	 * of its component that took the cache over failed to start.
	 */
	void reactivate(javax.cache.Cache<Object, CacheEntry> store) {
		this.store = store;
		this.loads.clear();
		this.mode = Mode.ACTIVE;
	}

	/**
	 * Makes the handle bypass the cache, which its component's new version took over: it
	 * stores nothing and calls loaders directly, until {@link #markReleased()}.
	 */
	void bypass() {
		if (this.mode == Mode.ACTIVE) {
			this.mode = Mode.BYPASS;
		}
	}

	String owner() {
		return this.owner;
	}

	CacheDefinition definition() {
		return this.definition;
	}

	javax.cache.Cache<Object, CacheEntry> store() {
		return this.store;
	}

	Class<?> keyClass() {
		return this.keyClass;
	}

	Class<?> valueClass() {
		return this.valueClass;
	}

	/**
	 * Removes the entry of {@code key} and detaches any load of it in flight: that load
	 * stores nothing, and callers that come after the removal start a new load instead of
	 * waiting for a value read before it.
	 */
	private void removeEntry(Object key) {
		this.guard.remove(key, () -> {
			this.store.remove(key);
			this.loads.remove(key);
		});
	}

	/**
	 * Returns the load of {@code key} in flight, or starts one with {@code call}. The future
	 * completes after the loaded value is stored, with {@code null} when the loader returned
	 * nothing.
	 * @param expected the entry the load replaces, or {@code null} when the key was absent
	 */
	private CompletableFuture<Object> load(Object key, CacheEntry expected, Supplier<CompletableFuture<?>> call) {
		CompletableFuture<Object> flight = new CompletableFuture<>();
		CompletableFuture<Object> running = this.loads.putIfAbsent(key, flight);
		if (running != null) {
			return running;
		}
		long stamp = this.guard.stamp(key);
		CacheEntry current = this.store.containsKey(key) ? this.store.get(key) : null;
		if (current != null && !current.equals(expected) && isFresh(current)) {
			// Another load stored the value between this caller's miss and the start of this flight.
			this.loads.remove(key, flight);
			flight.complete(current.value());
			return flight;
		}
		CompletableFuture<?> source;
		try {
			source = call.get();
		}
		catch (RuntimeException | Error ex) {
			source = CompletableFuture.failedFuture(ex);
		}
		source.whenComplete((value, failure) -> finish(key, current, stamp, flight, value, failure));
		return flight;
	}

	private void finish(Object key, CacheEntry expected, long stamp, CompletableFuture<Object> flight, Object value,
			Throwable failure) {
		try {
			if (failure == null && value != null) {
				store(key, expected, stamp, value);
			}
		}
		catch (RuntimeException ex) {
			if (this.mode == Mode.ACTIVE) {
				logger.warn("Failed to store a loaded value in cache '{}' of component '{}'", name(), this.owner, ex);
			}
		}
		finally {
			this.loads.remove(key, flight);
			if (failure != null) {
				flight.completeExceptionally(unwrap(failure));
			}
			else {
				flight.complete(value);
			}
		}
	}

	private void store(Object key, CacheEntry expected, long stamp, Object value) {
		if (this.mode != Mode.ACTIVE) {
			return;
		}
		checkValue(value);
		CacheEntry entry = newEntry(value);
		this.guard.storeIfUnchanged(key, stamp, () -> {
			if (expected != null && this.store.replace(key, expected, entry)) {
				return true;
			}
			// putIfAbsent would count a miss in Ehcache's statistics; the stripe lock that every
			// write of this key holds makes the check and the put atomic instead.
			if (this.store.containsKey(key)) {
				return false;
			}
			this.store.put(key, entry);
			return true;
		});
	}

	private void refreshInBackground(Object key, CacheEntry stale, Supplier<CompletableFuture<?>> call) {
		if (this.loads.containsKey(key)) {
			return;
		}
		load(key, stale, call).whenComplete((value, failure) -> {
			if (failure != null) {
				warnRefreshFailed(failure);
			}
		});
	}

	private void warnRefreshFailed(Throwable failure) {
		long now = this.clock.millis();
		long last = this.lastRefreshWarning.get();
		if (now - last >= WARNING_INTERVAL_MILLIS && this.lastRefreshWarning.compareAndSet(last, now)) {
			logger.warn("Background refresh of cache '{}' of component '{}' failed; serving stale values "
					+ "(further failures within a minute are logged at debug level)", name(), this.owner, failure);
		}
		else {
			logger.debug("Background refresh of cache '{}' of component '{}' failed", name(), this.owner, failure);
		}
	}

	private CompletableFuture<?> callLoader(Function<? super K, ? extends V> loader, K key) {
		try {
			return CompletableFuture.completedFuture(loader.apply(key));
		}
		catch (RuntimeException | Error ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private CompletableFuture<?> subscribeLoader(Function<? super K, Mono<V>> loader, K key) {
		Mono<V> source = loader.apply(key);
		if (source == null) {
			return CompletableFuture.failedFuture(new NullPointerException(
					"The loader of cache '" + name() + "' returned null instead of a Mono"));
		}
		return source.toFuture();
	}

	@SuppressWarnings("unchecked")
	private <T> T await(CompletableFuture<Object> flight) {
		try {
			return (T) flight.join();
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new CacheLoadException("Loader of cache '" + name() + "' of component '" + this.owner
					+ "' failed: " + cause, cause);
		}
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private boolean isFresh(CacheEntry entry) {
		if (!this.definition.sourced()) {
			return true;
		}
		return entry.ageAt(this.clock.millis()) < this.definition.timeToLive().toMillis();
	}

	private boolean isRevalidating(CacheEntry entry) {
		return this.definition.sourced() && entry.ageAt(this.clock.millis()) < this.definition.timeToLive()
			.plus(this.definition.origin().staleWhileRevalidate())
			.toMillis();
	}

	private boolean isServableOnError(CacheEntry entry) {
		return entry != null && this.definition.sourced() && entry.ageAt(this.clock.millis()) < this.definition
			.timeToLive()
			.plus(this.definition.origin().staleIfError())
			.toMillis();
	}

	private CacheEntry newEntry(Object value) {
		return new CacheEntry(value, this.versions.incrementAndGet(), this.clock.millis());
	}

	private V valueOf(CacheEntry entry) {
		return cast(entry.value());
	}

	@SuppressWarnings("unchecked")
	private V cast(Object value) {
		return (V) value;
	}

	/**
	 * Checks that the handle is not released and {@code key} is of the key class.
	 * @return whether the handle bypasses the cache
	 */
	private boolean bypassed(Object key) {
		Mode current = checkMode();
		checkKey(key);
		return current == Mode.BYPASS;
	}

	private void checkKey(Object key) {
		if (!this.keyClass.isInstance(key)) {
			throw new IllegalArgumentException("Invalid key " + describe(key) + " for cache '" + name()
					+ "': expected an instance of " + this.keyClass.getName());
		}
	}

	private void checkValue(Object value) {
		if (!this.valueClass.isInstance(value)) {
			throw new IllegalArgumentException("Invalid value " + describe(value) + " for cache '" + name()
					+ "': expected an instance of " + this.valueClass.getName());
		}
	}

	private Mode checkMode() {
		Mode current = this.mode;
		if (current == Mode.RELEASED) {
			throw new CacheReleasedException(this.owner, name());
		}
		return current;
	}

	private static String describe(Object object) {
		return (object != null) ? "of " + object.getClass().getName() : "null";
	}

	/** The behaviour of a handle's calls. */
	private enum Mode {

		/** Reads and writes the cache. */
		ACTIVE,

		/** Stores nothing and calls loaders directly, because a new version of the component owns the cache. */
		BYPASS,

		/** Throws {@link CacheReleasedException}. */
		RELEASED

	}

}
