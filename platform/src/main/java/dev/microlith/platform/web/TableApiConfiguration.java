package dev.microlith.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.microlith.platform.storage.TableService;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the REST API over tables ({@code /api/…}), whose errors are all problem details.
 */
@Configuration(proxyBeanMethods = false)
class TableApiConfiguration {

	@Bean
	TableApiHandler tableApiHandler(TableService tables, JsonMapper mapper, ApiProperties properties) {
		return new TableApiHandler(tables, new JsonBodyReader(mapper, properties.getMaxBodySize().toBytes()));
	}

	@Bean
	RouterFunction<ServerResponse> tableApiRoutes(TableApiHandler records) {
		RequestPredicate eventStream = acceptsEventStream();
		TableChangeStreams changes = new TableChangeStreams(records);
		return RouterFunctions.route()
			.GET("/api/{table}", eventStream, changes::table)
			.GET("/api/{table}/", eventStream, changes::table)
			.GET("/api/{table}/{key}", eventStream, changes::record)
			.GET("/api/{table}", records::query)
			.GET("/api/{table}/", records::query)
			.POST("/api/{table}", records::create)
			.POST("/api/{table}/", records::create)
			.GET("/api/{table}/{key}", records::get)
			.PUT("/api/{table}/{key}", records::put)
			.PATCH("/api/{table}/{key}", records::patch)
			.DELETE("/api/{table}/{key}", records::delete)
			.filter((request, next) -> Mono.defer(() -> next.handle(request))
				.onErrorResume((error) -> TableProblems.response(error, request)))
			.build();
	}

	/** Matches requests whose {@code Accept} header names {@code text/event-stream} itself. */
	static RequestPredicate acceptsEventStream() {
		return RequestPredicates.headers((headers) -> headers.accept()
			.stream()
			.anyMatch((type) -> type.getType().equals("text") && type.getSubtype().equals("event-stream")));
	}

}
