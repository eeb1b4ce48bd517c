package dev.microlith.samples.cities;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeoGridTests {

	private static List<Map.Entry<Long, City>> cities;

	private static GeoGrid grid;

	@BeforeAll
	static void indexRealCities() {
		cities = CityImportTests.readAll();
		grid = new GeoGrid();
		cities.forEach(entry -> grid.put(entry.getKey(), entry.getValue().lat(), entry.getValue().lng()));
	}

	@Test
	void nearestAtRandomPoints() {
		Random random = new Random(42);
		for (int i = 0; i < 50; i++) {
			double lat = random.nextDouble() * 180 - 90;
			double lng = random.nextDouble() * 360 - 180;

			assertThat(ids(grid.nearest(lat, lng, 10))).as("nearest to %f, %f", lat, lng)
				.isEqualTo(bruteForce(lat, lng, 10));
		}
	}

	@Test
	void nearestNearPolesAndDateLine() {
		double[][] points = { { 89.9, 0 }, { -89.9, 120 }, { 65.0, 179.9 }, { -16.5, -179.95 }, { 78.2, 15.6 } };
		for (double[] point : points) {
			assertThat(ids(grid.nearest(point[0], point[1], 25))).isEqualTo(bruteForce(point[0], point[1], 25));
		}
	}

	@Test
	void distanceOfKnownPairIsRight() {
		double parisToLondon = GeoGrid.distanceKm(48.8566, 2.3522, 51.5072, -0.1276);

		assertThat(parisToLondon).isCloseTo(343.5, within(1.0));
	}

	@Test
	void movedAndRemovedPointsAreFollowed() {
		GeoGrid small = new GeoGrid();
		small.put(1, 10, 10);
		small.put(2, 20, 20);

		small.put(1, 30, 30);
		small.remove(2);

		assertThat(small.size()).isEqualTo(1);
		assertThat(small.nearest(29, 29, 5)).extracting(GeoGrid.Neighbour::id).containsExactly(1L);
	}

	private static List<Long> ids(List<GeoGrid.Neighbour> neighbours) {
		return neighbours.stream().map(GeoGrid.Neighbour::id).toList();
	}

	private static List<Long> bruteForce(double lat, double lng, int k) {
		record Candidate(long id, double distanceKm) {
		}
		return cities.stream()
			.map(entry -> new Candidate(entry.getKey(),
					GeoGrid.distanceKm(lat, lng, entry.getValue().lat(), entry.getValue().lng())))
			.sorted(Comparator.comparingDouble(Candidate::distanceKm).thenComparingLong(Candidate::id))
			.limit(k)
			.map(Candidate::id)
			.toList();
	}

}
