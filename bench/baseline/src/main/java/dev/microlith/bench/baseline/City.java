package dev.microlith.bench.baseline;

/**
 * A city as the {@code city} table stores it, in the same JSON shape as the cities sample.
 * @param name the city's name as GeoNames spells it
 * @param nameKey the name folded for search by {@link NameFolding#fold(String)}
 * @param lat latitude in degrees, north positive
 * @param lng longitude in degrees, east positive
 * @param country ISO 3166-1 alpha-2 country code
 * @param admin1 code of the first-level administrative division
 * @param admin1Name name of that division, or {@code null} when GeoNames has none
 * @param admin2 code of the second-level division, often empty
 */
public record City(String name, String nameKey, double lat, double lng, String country, String admin1,
		String admin1Name, String admin2) {

	/**
	 * A city near a point, as {@code GET /cities/nearest} returns it.
	 * @param id the city's key
	 * @param distanceKm its great-circle distance from the point in kilometres
	 * @param city the city
	 */
	public record Nearby(long id, double distanceKm, City city) {
	}

}
