package dev.microlith.samples.cities;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameFoldingTests {

	@Test
	void accentsAndCaseAreFolded() {
		assertThat(NameFolding.fold("Sant Julià de Lòria")).isEqualTo("sant julia de loria");
		assertThat(NameFolding.fold("ÉVORA")).isEqualTo("evora");
		assertThat(NameFolding.fold("Zürich")).isEqualTo("zurich");
	}

	@Test
	void otherScriptsKeepTheirLetters() {
		assertThat(NameFolding.fold("Москва")).isEqualTo("москва");
		assertThat(NameFolding.fold("東京")).isEqualTo("東京");
	}

	@Test
	void whiteSpaceIsCollapsed() {
		assertThat(NameFolding.fold("  New   York ")).isEqualTo("new york");
	}

}
