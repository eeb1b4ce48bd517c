package dev.microlith.samples.hello;

import java.util.Map;

import reactor.core.publisher.Mono;

import dev.microlith.sdk.Access;
import dev.microlith.sdk.Component;
import dev.microlith.sdk.ComponentContext;
import dev.microlith.sdk.http.HttpResponse;

/**
 * Greets callers over HTTP ({@code GET /hello/{name}}) and RSocket ({@code hello.greet}
 * request-response with a payload such as {@code {"name": "Ann"}}). The greeting word
 * comes from the configuration key {@code greeting}.
 */
public class HelloComponent implements Component {

	@Override
	public void start(ComponentContext context) {
		String greeting = context.config().get("greeting", "Hello");
		context.http()
			.get("/hello/{name}", Access.PUBLIC, request -> Mono.just(HttpResponse
				.ok(Map.of("greeting", greeting + ", " + request.pathVariable("name").orElse("world")))));
		context.rsocket()
			.requestResponse("hello.greet", Access.PUBLIC, request -> Mono
				.just(Map.of("greeting", greeting + ", " + request.data(GreetRequest.class).name())));
		context.logger().info("Greeting with '{}'", greeting);
	}

	/**
	 * The payload of {@code hello.greet}.
	 * @param name who to greet
	 */
	public record GreetRequest(String name) {
	}

}
