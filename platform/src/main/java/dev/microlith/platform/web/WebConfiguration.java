package dev.microlith.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.microlith.platform.component.ComponentProperties;
import dev.microlith.platform.component.HttpRouteTable;

/** Wires the routing to component handlers; the operations API is an annotated controller. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	ComponentRouter componentRouter(HttpRouteTable routes, ComponentProperties properties) {
		return new ComponentRouter(routes, (int) Math.min(Integer.MAX_VALUE, properties.getMaxRequestBodySize().toBytes()));
	}

}
