package dev.microlith.sdk;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationsTests {

	@Test
	void parsesNumberWithUnit() {
		assertThat(Durations.parse("ttl", "500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(Durations.parse("ttl", "5s")).isEqualTo(Duration.ofSeconds(5));
		assertThat(Durations.parse("ttl", " 2m ")).isEqualTo(Duration.ofMinutes(2));
		assertThat(Durations.parse("ttl", "1h")).isEqualTo(Duration.ofHours(1));
		assertThat(Durations.parse("ttl", "1d")).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void parsesIso8601() {
		assertThat(Durations.parse("ttl", "PT1M30S")).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void rejectsUnknownUnitNamingValueAndForms() {
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("cache 'stats' ttl", "5 weeks"))
			.withMessageContaining("'5 weeks'")
			.withMessageContaining("cache 'stats' ttl")
			.withMessageContaining("500ms");
	}

	@Test
	void rejectsNegativeIsoDuration() {
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("ttl", "PT-5S"))
			.withMessageContaining("expected zero or more");
	}

}
