package dev.microlith.bench.ceiling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The ceiling of the comparison: WebFlux answering {@code GET /cities/{id}} with one constant
 * city, so the figures measure the HTTP path alone. No other HTTP path on the machine can be
 * faster.
 */
@SpringBootApplication
public class CeilingApplication {

	/** A city as the other systems return it, so the responses are the same size. */
	static final String CITY = "{\"name\":\"Sant Julià de Lòria\",\"nameKey\":\"sant julia de loria\","
			+ "\"lat\":42.46372,\"lng\":1.49129,\"country\":\"AD\",\"admin1\":\"06\","
			+ "\"admin1Name\":\"Sant Julià de Lòria\",\"admin2\":\"\"}";

	public static void main(String[] args) {
		SpringApplication.run(CeilingApplication.class, args);
	}

	@Bean
	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/cities/{id}", (request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(CITY))
			.build();
	}

}
