package dev.microlith.platform.hub;

import io.micrometer.core.instrument.MeterRegistry;
import io.rsocket.core.RSocketServer;
import io.rsocket.frame.FrameLengthCodec;
import io.rsocket.transport.ServerTransport;
import io.rsocket.transport.netty.server.WebsocketRouteTransport;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.rsocket.context.RSocketServerBootstrap;
import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.boot.rsocket.server.RSocketServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.microlith.platform.security.AccessPolicy;
import dev.microlith.platform.security.Authenticator;

/**
 * Serves the node's RSocket routes on TCP ({@code spring.rsocket.server.port}) and over
 * WebSocket at {@value #PATH} on the HTTP port, both through one {@link RSocketRouter}.
 * <p>
 * Spring Boot starts the TCP server. Its {@link RSocketServerBootstrap} is replaced here so
 * that it uses the router instead of Spring's annotation-based message handler. The
 * WebSocket route is added to the HTTP server because Spring Boot runs only one of the two
 * transports from its properties.
 */
@Configuration(proxyBeanMethods = false)
class RSocketConfiguration {

	static final String PATH = "/rsocket";

	/**
	 * The size at which the node splits outgoing frames. It stays below the 64 KiB
	 * WebSocket frame limit of reactor-netty's clients (Spring's RSocketRequester
	 * included), so larger responses reach them without any client setting.
	 */
	static final int FRAGMENT_SIZE = 16 * 1024;

	/** Room for metadata and frame headers on top of the maximum payload data. */
	static final int FRAME_OVERHEAD = 64 * 1024;

	@Bean
	DefaultRSocketRouteRegistry rsocketRouteRegistry() {
		return new DefaultRSocketRouteRegistry();
	}

	@Bean
	RSocketRouter rsocketRouter(DefaultRSocketRouteRegistry registry, JsonMapper mapper, MeterRegistry meters,
			HubProperties properties, Authenticator authenticator, AccessPolicy policy) {
		return new RSocketRouter(registry, mapper, meters, maxPayloadBytes(properties), authenticator, policy);
	}

	/**
	 * Limits a reassembled request to the largest frame (16 MiB) instead of rsocket-java's
	 * default of 2 GiB, which also bounds fragmented requests. Requests above
	 * {@code microlith.hub.max-payload-size} are rejected by the router with a clear error.
	 */
	@Bean
	RSocketServerCustomizer rsocketFrameLimits() {
		return (server) -> server.fragment(FRAGMENT_SIZE).maxInboundPayloadSize(FrameLengthCodec.FRAME_LENGTH_MASK);
	}

	@Bean
	RSocketServerBootstrap rSocketServerBootstrap(RSocketServerFactory factory, RSocketRouter router) {
		return new RSocketServerBootstrap(factory, router);
	}

	@Bean
	NettyRouteProvider rsocketWebSocketRoute(RSocketRouter router, ObjectProvider<RSocketServerCustomizer> customizers,
			HubProperties properties) {
		RSocketServer server = RSocketServer.create(router);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(server));
		ServerTransport.ConnectionAcceptor acceptor = server.asConnectionAcceptor();
		WebsocketServerSpec spec = WebsocketServerSpec.builder()
			.maxFramePayloadLength(maxPayloadBytes(properties) + FRAME_OVERHEAD)
			.build();
		return (routes) -> routes.ws(PATH, WebsocketRouteTransport.newHandler(acceptor), spec);
	}

	private static int maxPayloadBytes(HubProperties properties) {
		return properties.maxPayloadBytes();
	}

}
