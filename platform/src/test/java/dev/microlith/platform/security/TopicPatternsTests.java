package dev.microlith.platform.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicPatternsTests {

	@Test
	void literalPatternCoversOnlyItself() {
		assertThat(TopicPatterns.covers("chat/lobby", "chat/lobby")).isTrue();
		assertThat(TopicPatterns.covers("chat/lobby", "chat/other")).isFalse();
		assertThat(TopicPatterns.covers("chat/lobby", "chat/lobby/x")).isFalse();
		assertThat(TopicPatterns.covers("chat/lobby", "chat/+")).isFalse();
	}

	@Test
	void plusCoversOneLevelButNotMore() {
		assertThat(TopicPatterns.covers("chat/+", "chat/lobby")).isTrue();
		assertThat(TopicPatterns.covers("chat/+", "chat/+")).isTrue();
		assertThat(TopicPatterns.covers("chat/+", "chat/#")).isFalse();
		assertThat(TopicPatterns.covers("chat/+", "chat/lobby/x")).isFalse();
	}

	@Test
	void hashCoversEverythingBelow() {
		assertThat(TopicPatterns.covers("chat/#", "chat/lobby/x")).isTrue();
		assertThat(TopicPatterns.covers("chat/#", "chat/#")).isTrue();
		assertThat(TopicPatterns.covers("chat/#", "chat/+/x")).isTrue();
		assertThat(TopicPatterns.covers("chat/#", "news/x")).isFalse();
		assertThat(TopicPatterns.covers("#", "anything/at/all")).isTrue();
	}

	@Test
	void invalidPatternsNameTheMistake() {
		assertThatIllegalArgumentException().isThrownBy(() -> TopicPatterns.check("a/#/b"))
			.withMessageContaining("'#' must be the last level");
		assertThatIllegalArgumentException().isThrownBy(() -> TopicPatterns.check("a//b"))
			.withMessageContaining("level 2 is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> TopicPatterns.check("a/b+"))
			.withMessageContaining("must fill a whole level");
		assertThat(TopicPatterns.check("a/+/#")).isEqualTo("a/+/#");
	}

}
