package dev.microlith.sdk.cache;

import java.util.Optional;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * A cache a component declared in its descriptor. Implementations are thread-safe.
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Cache<K, V> {

	/** Returns the cache's name. */
	String name();

	/** Returns the value cached under {@code key}, or empty. */
	Optional<V> get(K key);

	/** Caches {@code value} under {@code key}, replacing any previous value. */
	void put(K key, V value);

	/** Removes the value cached under {@code key}, if any. */
	void remove(K key);

	/** Removes every value. */
	void clear();

	/**
	 * Returns the value cached under {@code key}, calling {@code loader} on a miss.
	 * Concurrent misses on one key call the loader once and all callers get its result.
	 * A loader error reaches every waiting caller and is not cached.
	 * @param loader returns the value, or {@code null} to cache nothing
	 */
	V getOrLoad(K key, Function<? super K, ? extends V> loader);

	/**
	 * Asynchronous form of {@link #getOrLoad(Object, Function)}: the loader's {@code Mono} is
	 * subscribed once per miss, however many callers wait for it.
	 */
	Mono<V> getOrLoadAsync(K key, Function<? super K, Mono<V>> loader);

}
