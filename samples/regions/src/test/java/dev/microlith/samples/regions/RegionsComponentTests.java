package dev.microlith.samples.regions;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegionsComponentTests {

	@Test
	void readsEveryRegionOfDataFile() {
		Map<String, Map<String, String>> names = RegionsComponent.read();

		assertThat(names.values().stream().mapToInt(Map::size).sum()).isEqualTo(3_865);
		assertThat(names.get("AD")).containsEntry("06", "Sant Julià de Loria").hasSize(7);
		assertThat(names.get("FR")).containsEntry("11", "Île-de-France");
	}

}
