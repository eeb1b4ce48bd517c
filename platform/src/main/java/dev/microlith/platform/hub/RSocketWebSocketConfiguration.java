package dev.microlith.platform.hub;

import io.rsocket.core.RSocketServer;
import io.rsocket.transport.ServerTransport;
import io.rsocket.transport.netty.server.WebsocketRouteTransport;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;

/**
 * Serves RSocket over WebSocket at {@value #PATH} on the HTTP port, beside the TCP server
 * that Spring Boot starts on {@code spring.rsocket.server.port}. Spring Boot runs only
 * one of the two from its properties, so this route is added to the HTTP server here.
 */
@Configuration(proxyBeanMethods = false)
class RSocketWebSocketConfiguration {

	static final String PATH = "/rsocket";

	@Bean
	NettyRouteProvider rsocketWebSocketRoute(RSocketMessageHandler messageHandler,
			ObjectProvider<RSocketServerCustomizer> customizers) {
		RSocketServer server = RSocketServer.create(messageHandler.responder());
		customizers.orderedStream().forEach(customizer -> customizer.customize(server));
		ServerTransport.ConnectionAcceptor acceptor = server.asConnectionAcceptor();
		WebsocketServerSpec spec = WebsocketServerSpec.builder().build();
		return routes -> routes.ws(PATH, WebsocketRouteTransport.newHandler(acceptor), spec);
	}

}
