package dev.microlith.samples.cities;

import java.util.Map;

/**
 * The names of a country's first-level regions, as the regions service returns them.
 * @param country the ISO 3166-1 alpha-2 code of the country
 * @param names the region names by the region's code within the country ({@code admin1}
 * of a city)
 */
public record RegionNames(String country, Map<String, String> names) {

	public RegionNames {
		names = Map.copyOf(names);
	}

}
