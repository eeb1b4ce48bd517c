package dev.microlith.platform.hub;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The node's stream hub, its RSocket routes and its HTTP endpoints.
 */
@Configuration(proxyBeanMethods = false)
class HubConfiguration {

	@Bean(destroyMethod = "close")
	DefaultHub hub(JsonMapper mapper, MeterRegistry meters, HubProperties properties) {
		return new DefaultHub(mapper, meters, properties.getHistorySize(), properties.getHistoryTopics(),
				properties.getDeliveryThreads());
	}

	@Bean(destroyMethod = "close")
	HubRSocketRoutes hubRSocketRoutes(DefaultHub hub, DefaultRSocketRouteRegistry registry, JsonMapper mapper) {
		return new HubRSocketRoutes(hub, registry, mapper);
	}

	@Bean
	RouterFunction<ServerResponse> hubHttpRoutes(DefaultHub hub, JsonMapper mapper, HubProperties properties) {
		return new HubHttpHandler(hub, mapper, properties.maxPayloadBytes(), properties.getSseHeartbeat()).routes();
	}

}
