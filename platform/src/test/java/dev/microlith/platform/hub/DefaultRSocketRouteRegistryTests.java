package dev.microlith.platform.hub;

import java.util.Map;
import java.util.function.Function;

import dev.microlith.platform.hub.DefaultRSocketRouteRegistry.RouteMatch;
import dev.microlith.platform.hub.RSocketRouteRegistry.Registration;
import dev.microlith.platform.hub.RSocketRouteRegistry.RouteHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.microlith.platform.security.Requirement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DefaultRSocketRouteRegistryTests {

	private final DefaultRSocketRouteRegistry registry = new DefaultRSocketRouteRegistry();

	private static final Function<Map<String, String>, Requirement> PUBLIC = (variables) -> Requirement.PUBLIC;

	private final RouteHandler handler = new RouteHandler.RequestResponse((request) -> Mono.empty());

	@Test
	void variableSegmentsAreMatched() {
		this.registry.register("chat", "chat.{room}.join", this.handler, PUBLIC);

		RouteMatch match = this.registry.find("chat.lobby.join");

		assertThat(match.owner()).isEqualTo("chat");
		assertThat(match.variables()).isEqualTo(Map.of("room", "lobby"));
	}

	@Test
	void segmentCountMustAgree() {
		this.registry.register("chat", "chat.{room}.join", this.handler, PUBLIC);

		assertThat(this.registry.find("chat.lobby")).isNull();
		assertThat(this.registry.find("chat.lobby.join.now")).isNull();
		assertThat(this.registry.find("chat..join")).isNull();
	}

	@Test
	void restCaptureKeepsDotsAndSlashes() {
		this.registry.registerNodeRoute("hub.subscribe.{*topic}", this.handler, PUBLIC);

		RouteMatch match = this.registry.find("hub.subscribe.sensors/+/temp.celsius");

		assertThat(match.variables()).isEqualTo(Map.of("topic", "sensors/+/temp.celsius"));
		assertThat(this.registry.find("hub.subscribe.")).isNull();
		assertThat(this.registry.find("hub.subscribe")).isNull();
	}

	@Test
	void encodedDotsAreDecoded() {
		this.registry.register("chat", "chat.{room}.join", this.handler, PUBLIC);
		this.registry.registerNodeRoute("hub.publish.{*topic}", this.handler, PUBLIC);

		assertThat(this.registry.find("chat.a%2Eb.join").variables()).isEqualTo(Map.of("room", "a.b"));
		assertThat(this.registry.find("hub.publish.x/y%2Ez.w").variables()).isEqualTo(Map.of("topic", "x/y.z.w"));
	}

	@Test
	void moreLiteralSegmentsWin() {
		this.registry.register("generic", "chat.{room}.join", this.handler, PUBLIC);
		this.registry.register("lobby", "chat.lobby.join", this.handler, PUBLIC);

		assertThat(this.registry.find("chat.lobby.join").owner()).isEqualTo("lobby");
		assertThat(this.registry.find("chat.other.join").owner()).isEqualTo("generic");
	}

	@Test
	void duplicatePatternNamesOwner() {
		this.registry.register("first", "chat.{room}.join", this.handler, PUBLIC);

		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("second", "chat.{name}.join", this.handler, PUBLIC))
			.isInstanceOf(DuplicateRouteException.class)
			.withMessageContaining("already registered as 'chat.{room}.join' by 'first'");
	}

	@Test
	void closeRemovesRoute() {
		Registration registration = this.registry.register("chat", "chat.{room}.join", this.handler, PUBLIC);

		registration.close();
		registration.close();

		assertThat(this.registry.find("chat.lobby.join")).isNull();
		this.registry.register("other", "chat.{room}.join", this.handler, PUBLIC);
		assertThat(this.registry.find("chat.lobby.join").owner()).isEqualTo("other");
	}

	@Test
	void reservedPrefixesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("chat", "hub.publish.x", this.handler, PUBLIC))
			.withMessageContaining("reserved for the node");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("chat", "tables.{t}.get", this.handler, PUBLIC))
			.withMessageContaining("reserved for the node");
	}

	@Test
	void invalidPatternsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("chat", "chat..join", this.handler, PUBLIC))
			.withMessageContaining("segment ''");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("chat", "chat.{room", this.handler, PUBLIC))
			.withMessageContaining("segment '{room'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("chat", "chat.{*rest}.join", this.handler, PUBLIC))
			.withMessageContaining("must be the last segment");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("chat", " ", this.handler, PUBLIC))
			.withMessageContaining("Invalid route pattern");
	}

}
