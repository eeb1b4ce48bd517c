package dev.microlith.platform.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityTagsTests {

	@Test
	void tagIsQuotedVersion() {
		assertThat(EntityTags.of(7)).isEqualTo("\"7\"");
	}

	@Test
	void ifMatchComparesStrongly() {
		assertThat(EntityTags.ifMatch(List.of("\"3\""), 3)).isTrue();
		assertThat(EntityTags.ifMatch(List.of("\"2\""), 3)).isFalse();
		assertThat(EntityTags.ifMatch(List.of("W/\"3\""), 3)).isFalse();
		assertThat(EntityTags.ifMatch(List.of("3"), 3)).isFalse();
	}

	@Test
	void ifMatchAcceptsListsAndAny() {
		assertThat(EntityTags.ifMatch(List.of("\"1\", \"3\""), 3)).isTrue();
		assertThat(EntityTags.ifMatch(List.of("\"1\"", "\"3\""), 3)).isTrue();
		assertThat(EntityTags.ifMatch(List.of("*"), 3)).isTrue();
		assertThat(EntityTags.ifMatch(List.of("*"), 0)).isFalse();
	}

	@Test
	void ifNoneMatchComparesWeakly() {
		assertThat(EntityTags.ifNoneMatchHits(List.of("W/\"3\""), 3)).isTrue();
		assertThat(EntityTags.ifNoneMatchHits(List.of("\"4\", \"3\""), 3)).isTrue();
		assertThat(EntityTags.ifNoneMatchHits(List.of("*"), 3)).isTrue();
		assertThat(EntityTags.ifNoneMatchHits(List.of("\"4\""), 3)).isFalse();
		assertThat(EntityTags.ifNoneMatchHits(List.of(), 3)).isFalse();
	}

}
