package dev.microlith.platform.cache;

import java.nio.file.Path;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.microlith.platform.node.DataDirectory;
import dev.microlith.platform.node.InvalidConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CacheConfigurationTests {

	@TempDir
	Path directory;

	@Test
	void zeroRefreshThreadsAreRejected() throws Exception {
		CacheProperties properties = new CacheProperties();
		properties.setRefreshThreads(0);

		try (DataDirectory data = DataDirectory.open(this.directory)) {
			assertThatExceptionOfType(InvalidConfigurationException.class)
				.isThrownBy(() -> new CacheConfiguration().cacheService(properties, data, new SimpleMeterRegistry()))
				.withMessageContaining("microlith.caches.refresh-threads 0");
		}
	}

	@Test
	void relativeDirectoryIsResolvedAgainstDataDirectory() throws Exception {
		CacheProperties properties = new CacheProperties();

		try (DataDirectory data = DataDirectory.open(this.directory);
				CacheService service = new CacheConfiguration().cacheService(properties, data,
						new SimpleMeterRegistry())) {
			service.create("shop", new CacheDefinition("prices", "java.lang.String", "java.lang.Long", 10, null,
					DataSize.ofMegabytes(2), null, null, null, true, null),
					getClass().getClassLoader());

			assertThat(this.directory.resolve("caches")).isDirectory();
		}
	}

}
