package dev.microlith.samples.cities;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Statistics of one country's cities.
 * @param country ISO 3166-1 alpha-2 code
 * @param cities number of cities
 * @param divisions number of distinct first-level divisions among them
 * @param south southernmost latitude
 * @param north northernmost latitude
 * @param west westernmost longitude
 * @param east easternmost longitude
 */
public record CountryStats(String country, long cities, int divisions, double south, double north, double west,
		double east) {

	/** Computes the statistics of {@code cities}, all of {@code country}. */
	static CountryStats of(String country, Collection<City> cities) {
		Set<String> divisions = new HashSet<>();
		double south = 90;
		double north = -90;
		double west = 180;
		double east = -180;
		for (City city : cities) {
			divisions.add(city.admin1());
			south = Math.min(south, city.lat());
			north = Math.max(north, city.lat());
			west = Math.min(west, city.lng());
			east = Math.max(east, city.lng());
		}
		return new CountryStats(country, cities.size(), divisions.size(), south, north, west, east);
	}

}
