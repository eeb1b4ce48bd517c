package dev.microlith.platform.node;

import java.util.Optional;

import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.microlith.platform.component.ComponentProperties;

/**
 * Beans of the node itself: its locked data directory and the start-up report.
 */
@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

	@Bean(destroyMethod = "close")
	DataDirectory dataDirectory(NodeProperties properties) {
		return DataDirectory.open(properties.getDataDir());
	}

	@Bean
	StartupReport startupReport(Optional<BuildProperties> build, DataDirectory dataDirectory,
			ComponentProperties components) {
		return new StartupReport(build, dataDirectory, components);
	}

}
