package dev.microlith.platform.web;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.microlith.platform.storage.TableService;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the REST API over tables ({@code /api/…}) and the table operations API
 * ({@code /ops/tables}, {@code /ops/jobs}), whose errors are all problem details.
 */
@Configuration(proxyBeanMethods = false)
class TableApiConfiguration {

	@Bean
	TableApiHandler tableApiHandler(TableService tables, JsonMapper mapper, ApiProperties properties) {
		return new TableApiHandler(tables, new JsonBodyReader(mapper, properties.getMaxBodySize().toBytes()));
	}

	@Bean
	TableImporter tableImporter(TableApiHandler records, TableService tables, JsonMapper mapper,
			ApiProperties properties) {
		ApiProperties.Import settings = properties.getImport();
		ImportRecordReader reader = new ImportRecordReader(mapper, settings.getMaxRecordSize().toBytes());
		ImportJobs jobs = new ImportJobs(settings.getRetainedJobs(), settings.getMaxListedFailures());
		return new TableImporter(records, tables, reader, jobs, settings.getBatchSize());
	}

	@Bean
	RouterFunction<ServerResponse> tableApiRoutes(TableApiHandler records, TableImporter importer,
			TableService tables, Optional<BuildProperties> build) {
		RequestPredicate eventStream = acceptsEventStream();
		TableChangeStreams changes = new TableChangeStreams(records);
		String version = build.map(BuildProperties::getVersion).orElse("development");
		return RouterFunctions.route()
			.GET("/api/openapi.json", (request) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(OpenApiDocument.of(List.copyOf(tables.definitions()), version)))
			.POST("/api/{table}/import", importer::importRecords)
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

	@Bean
	RouterFunction<ServerResponse> tableOperationsRoutes(TableService tables, TableImporter importer) {
		TableOperationsHandler operations = new TableOperationsHandler(tables);
		return RouterFunctions.route()
			.GET("/ops/tables", operations::list)
			.GET("/ops/tables/{table}", operations::get)
			.GET("/ops/jobs/{id}", importer::job)
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
