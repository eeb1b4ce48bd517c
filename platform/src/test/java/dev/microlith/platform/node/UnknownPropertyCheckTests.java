package dev.microlith.platform.node;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UnknownPropertyCheckTests {

	private final UnknownPropertyCheck check = new UnknownPropertyCheck();

	@Test
	void knownPropertiesInAnyRelaxedFormPass() {
		StandardEnvironment environment = environment(Map.of("microlith.data-dir", "x", "microlith.components.dir", "y",
				"microlith.components.startTimeout", "5s"));

		assertThatCode(() -> this.check.onApplicationEvent(event(environment))).doesNotThrowAnyException();
	}

	@Test
	void environmentVariablesOfKnownPropertiesPass() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env", Map.of("MICROLITH_DATA_DIR", "x",
					"MICROLITH_COMPONENTS_START_TIMEOUT", "5s", "MICROLITH_URL", "http://127.0.0.1:8080")));

		assertThatCode(() -> this.check.onApplicationEvent(event(environment))).doesNotThrowAnyException();
	}

	@Test
	void misspeltPropertyIsRejectedWithItsSource() {
		StandardEnvironment environment = environment(Map.of("microlith.data-dri", "x"));

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> this.check.onApplicationEvent(event(environment)))
			.withMessageContaining("'microlith.data-dri' (from test)");
	}

	@Test
	void misspeltEnvironmentVariableIsRejected() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env", Map.of("MICROLITH_DATA_DRI", "x")));

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> this.check.onApplicationEvent(event(environment)))
			.withMessageContaining("'MICROLITH_DATA_DRI'");
	}

	@Test
	void otherPrefixesAreIgnored() {
		StandardEnvironment environment = environment(Map.of("microlithx.anything", "1", "server.port", "0"));

		assertThatCode(() -> this.check.onApplicationEvent(event(environment))).doesNotThrowAnyException();
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	private static ApplicationEnvironmentPreparedEvent event(StandardEnvironment environment) {
		return new ApplicationEnvironmentPreparedEvent(null, new SpringApplication(), new String[0], environment);
	}

}
