package dev.microlith.samples.cities;

import java.util.Optional;

import dev.microlith.sdk.http.HttpStatusException;

/**
 * Named request parameters, from an HTTP query string or an RSocket JSON payload, with
 * checked conversions that reject bad values with a 400 naming the parameter.
 */
@FunctionalInterface
interface Parameters {

	Optional<String> get(String name);

	default String required(String name) {
		return get(name).orElseThrow(() -> new HttpStatusException(400, "Missing parameter '" + name + "'"));
	}

	default int integer(String name, int defaultValue, int min, int max) {
		Optional<String> text = get(name);
		if (text.isEmpty()) {
			return defaultValue;
		}
		try {
			int value = Integer.parseInt(text.get().trim());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the accepted range
		}
		throw new HttpStatusException(400,
				"Invalid " + name + " '" + text.get() + "': expected an integer from " + min + " to " + max);
	}

	default double decimal(String name, double min, double max) {
		String text = required(name);
		try {
			double value = Double.parseDouble(text.trim());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the accepted range
		}
		throw new HttpStatusException(400, "Invalid " + name + " '" + text + "': expected a number from " + min
				+ " to " + max);
	}

}
