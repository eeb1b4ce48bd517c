package dev.microlith.samples.hello;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.microlith.testkit.ComponentTestKit;

import static org.assertj.core.api.Assertions.assertThat;

class HelloComponentTests {

	@Test
	void httpRouteGreetsByName() {
		try (ComponentTestKit kit = ComponentTestKit.start()) {
			kit.http()
				.get()
				.uri("/hello/ann")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("{\"greeting\":\"Hello, ann\"}");
		}
	}

	@Test
	void rsocketRouteUsesConfiguredGreeting() {
		try (ComponentTestKit kit = ComponentTestKit.start(Path.of("target", "classes"), Map.of("greeting", "Hi"))) {
			String reply = kit.requestResponse("hello.greet", Map.of("name", "bob"));

			assertThat(reply).isEqualTo("{\"greeting\":\"Hi, bob\"}");
		}
	}

}
