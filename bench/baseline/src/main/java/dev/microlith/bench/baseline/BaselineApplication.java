package dev.microlith.bench.baseline;

import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The baseline of the comparison: the cities routes served the way a team would usually
 * build them, by a WebFlux service in front of PostgreSQL (R2DBC, pooled), Redis (Lettuce,
 * cache-aside) and RabbitMQ (update events for SSE clients). Connection settings are the
 * standard {@code spring.r2dbc.*}, {@code spring.data.redis.*} and {@code spring.rabbitmq.*}
 * properties.
 */
@SpringBootApplication
public class BaselineApplication {

	public static void main(String[] args) {
		SpringApplication.run(BaselineApplication.class, args);
	}

	@Bean
	CityRepository cityRepository(DatabaseClient client) {
		return new CityRepository(client);
	}

	@Bean
	CityCache cityCache(ReactiveStringRedisTemplate redis, JsonMapper json,
			@Value("${baseline.cache.prefix:microlith-bench:city:}") String prefix,
			@Value("${baseline.cache.time-to-live:10m}") Duration timeToLive) {
		return new CityCache(redis, json, prefix, timeToLive);
	}

	@Bean
	TopicExchange cityExchange() {
		return new TopicExchange(CityEvents.EXCHANGE, false, true);
	}

	/** This instance's own queue: exclusive, deleted with its connection, and without the extra arguments of {@code AnonymousQueue} that RabbitMQ 3.x rejects. */
	@Bean
	Queue cityUpdates() {
		return QueueBuilder.nonDurable(CityEvents.EXCHANGE + "." + UUID.randomUUID()).exclusive().autoDelete().build();
	}

	@Bean
	Binding cityUpdatesBinding(Queue cityUpdates, TopicExchange cityExchange) {
		return BindingBuilder.bind(cityUpdates).to(cityExchange).with("city.#");
	}

	@Bean
	CityEvents cityEvents(RabbitTemplate rabbit) {
		return new CityEvents(rabbit);
	}

	@Bean
	CityHandler cityHandler(CityRepository cities, CityCache cache, CityEvents events, JsonMapper json) {
		return new CityHandler(cities, cache, events, json);
	}

	@Bean
	RouterFunction<ServerResponse> cityRoutes(CityHandler cities) {
		return RouterFunctions.route()
			.GET("/cities/search", cities::search)
			.GET("/cities/nearest", cities::nearest)
			.GET("/cities/{id}", acceptsEventStream(), cities::updates)
			.GET("/cities/{id}", cities::get)
			.PUT("/cities/{id}", cities::put)
			.build();
	}

	/** Matches requests whose {@code Accept} header names {@code text/event-stream} itself, not a wildcard. */
	static RequestPredicate acceptsEventStream() {
		return RequestPredicates.headers((headers) -> headers.accept()
			.stream()
			.anyMatch((type) -> "text".equals(type.getType()) && "event-stream".equals(type.getSubtype())));
	}

}
