package dev.microlith.platform.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import dev.microlith.platform.node.DataDirectory;

import static org.assertj.core.api.Assertions.assertThat;

class StorageConfigurationTests {

	@TempDir
	Path directory;

	@Test
	void engineStoresUnderDataDirectory() {
		contextRunner().run((context) -> {
			StorageEngine engine = context.getBean(StorageEngine.class);
			engine.declare(TestRecords.table("cities", KeyType.STRING));

			assertThat(context).hasSingleBean(TableService.class).hasSingleBean(ChangeLog.class);
			assertThat(this.directory.resolve("tables").resolve(MapDbStore.STORE_FILE)).exists();
		});
	}

	@Test
	void propertiesBindToEngine() {
		contextRunner().withPropertyValues("microlith.storage.max-record-size=2KB",
				"microlith.storage.change-log.max-changes=10")
			.run((context) -> {
				StorageProperties properties = context.getBean(StorageProperties.class);

				assertThat(properties.getMaxRecordSize()).isEqualTo(DataSize.ofKilobytes(2));
				assertThat(properties.getChangeLog().getMaxChanges()).isEqualTo(10);
			});
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withBean(DataDirectory.class, () -> DataDirectory.open(this.directory))
			.withUserConfiguration(PropertiesConfiguration.class, StorageConfiguration.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StorageProperties.class)
	static class PropertiesConfiguration {

	}

}
