package dev.microlith.platform.hub;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TopicFilterTests {

	@ParameterizedTest
	@CsvSource({ "a/b, a/b, true", "a/b, a/c, false", "a/b, a/b/c, false", "a/+, a/b, true", "a/+, a/b/c, false",
			"a/+, a, false", "+/b, a/b, true", "+, a, true", "+, a/b, false", "a/#, a, true", "a/#, a/b/c, true",
			"a/#, ab, false", "#, a/b, true", "a/+/c, a/x/c, true", "a/+/c, a/x/d, false", "a/bc, a/b, false",
			"sensors/+/temp.celsius, sensors/3/temp.celsius, true" })
	void patternMatchesTopic(String pattern, String topic, boolean expected) {
		assertThat(TopicFilter.parse(pattern).matches(topic)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a//b", "/a", "a/", "a/#/b", "a/b+", "a/#b", "" })
	void invalidPatternIsNamed(String pattern) {
		assertThatExceptionOfType(InvalidTopicException.class).isThrownBy(() -> TopicFilter.parse(pattern))
			.withMessageContaining(pattern.isEmpty() ? "Missing pattern" : "'" + pattern + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a/+", "a/#", "a//b", "a/b/" })
	void invalidTopicIsNamed(String topic) {
		assertThatExceptionOfType(InvalidTopicException.class).isThrownBy(() -> TopicFilter.validateTopic(topic))
			.withMessageContaining("Invalid topic '" + topic + "'");
	}

}
