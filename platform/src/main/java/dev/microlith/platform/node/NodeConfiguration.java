package dev.microlith.platform.node;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of the node itself: its locked data directory.
 */
@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

	@Bean(destroyMethod = "close")
	DataDirectory dataDirectory(NodeProperties properties) {
		return DataDirectory.open(properties.getDataDir());
	}

}
