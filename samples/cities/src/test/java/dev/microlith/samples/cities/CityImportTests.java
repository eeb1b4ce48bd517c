package dev.microlith.samples.cities;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CityImportTests {

	@Test
	void bundledFileHasEveryCityInOrder() {
		List<Map.Entry<Long, City>> cities = readAll();

		assertThat(cities).hasSize(CityImport.TOTAL);
		assertThat(cities.get(0).getKey()).isEqualTo(1L);
		assertThat(cities.get(cities.size() - 1).getKey()).isEqualTo(CityImport.TOTAL);
		assertThat(cities.stream().filter(entry -> entry.getValue().country().equals("US"))).hasSize(17_343);
	}

	@Test
	void cityCarriesDivisionNameAndFoldedName() {
		City andorra = readAll().get(2).getValue();

		assertThat(andorra.name()).isEqualTo("Sant Julià de Lòria");
		assertThat(andorra.nameKey()).isEqualTo("sant julia de loria");
		assertThat(andorra.country()).isEqualTo("AD");
		assertThat(andorra.admin1Name()).isEqualTo("Sant Julià de Loria");
		assertThat(andorra.lat()).isEqualTo(42.46372);
		assertThat(andorra.lng()).isEqualTo(1.49129);
	}

	static List<Map.Entry<Long, City>> readAll() {
		List<Map.Entry<Long, City>> cities = new ArrayList<>();
		CityImport.readCities(CityImport.readDivisions(), cities::add);
		return cities;
	}

}
