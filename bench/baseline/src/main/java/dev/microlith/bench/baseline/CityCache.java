package dev.microlith.bench.baseline;

import java.time.Duration;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Cache-aside for cities in Redis: a read tries Redis first and, on a miss, loads from the
 * database and stores the JSON with a time to live; a write deletes the entry after the
 * database commits.
 */
class CityCache {

	private final ReactiveStringRedisTemplate redis;

	private final JsonMapper json;

	private final String prefix;

	private final Duration timeToLive;

	CityCache(ReactiveStringRedisTemplate redis, JsonMapper json, String prefix, Duration timeToLive) {
		this.redis = redis;
		this.json = json;
		this.prefix = prefix;
		this.timeToLive = timeToLive;
	}

	/** Returns the cached city with key {@code id}, or the one {@code loader} finds, which is then cached. */
	Mono<City> getOrLoad(long id, Function<Long, Mono<City>> loader) {
		String key = this.prefix + id;
		return this.redis.opsForValue()
			.get(key)
			.map((text) -> this.json.readValue(text, City.class))
			.switchIfEmpty(Mono.defer(() -> loader.apply(id)
				.flatMap((city) -> this.redis.opsForValue()
					.set(key, this.json.writeValueAsString(city), this.timeToLive)
					.thenReturn(city))));
	}

	/** Removes the entry of city {@code id}. */
	Mono<Void> evict(long id) {
		return this.redis.delete(this.prefix + id).then();
	}

}
