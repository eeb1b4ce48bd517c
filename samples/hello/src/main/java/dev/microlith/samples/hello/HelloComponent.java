package dev.microlith.samples.hello;

import java.util.Map;

import reactor.core.publisher.Mono;

import dev.microlith.sdk.Component;
import dev.microlith.sdk.ComponentContext;
import dev.microlith.sdk.http.HttpResponse;

/**
 * Greets callers over HTTP ({@code GET /hello/{name}}) and RSocket ({@code hello.greet}
 * request-response, with the name as the payload).
 */
public class HelloComponent implements Component {

	@Override
	public void start(ComponentContext context) {
		String greeting = context.config().get("greeting", "Hello");
		context.http()
			.get("/hello/{name}", request -> Mono.just(HttpResponse
				.ok(Map.of("greeting", greeting + ", " + request.pathVariable("name").orElse("world")))));
		context.rsocket()
			.requestResponse("hello.greet",
					request -> Mono.just(Map.of("greeting", greeting + ", " + request.data(String.class))));
		context.logger().info("Greeting with '{}'", greeting);
	}

}
