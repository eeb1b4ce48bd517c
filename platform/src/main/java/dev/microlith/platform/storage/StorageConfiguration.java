package dev.microlith.platform.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.microlith.platform.node.DataDirectory;

/**
 * Wires the table store into the node: its files live in the {@value #DIRECTORY}
 * directory of the node's data directory.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	static final String DIRECTORY = "tables";

	@Bean(destroyMethod = "close")
	StorageEngine storageEngine(DataDirectory dataDirectory, StorageProperties properties) {
		return StorageEngine.open(dataDirectory.resolve(DIRECTORY), properties);
	}

}
