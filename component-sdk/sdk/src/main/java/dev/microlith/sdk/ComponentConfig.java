package dev.microlith.sdk;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A component's configuration: the node's properties under
 * {@code microlith.component-config.<component-name>.}, with that prefix removed.
 */
public interface ComponentConfig {

	/** Returns the value of {@code key}, or empty when it is not set. */
	Optional<String> get(String key);

	/** Returns the value of {@code key}, or {@code defaultValue} when it is not set. */
	default String get(String key, String defaultValue) {
		return get(key).orElse(defaultValue);
	}

	/**
	 * Returns the value of {@code key} as an {@code int}.
	 * @throws IllegalArgumentException when the value is set but is not an integer
	 */
	default int getInt(String key, int defaultValue) {
		Optional<String> value = get(key);
		if (value.isEmpty()) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value.get().trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Invalid value '" + value.get() + "' for component property '" + key
					+ "': expected an integer", ex);
		}
	}

	/**
	 * Returns the value of {@code key} as a {@link Duration}, written in ISO-8601
	 * ({@code PT5S}) or as a number with a unit ({@code 500ms}, {@code 5s}, {@code 2m},
	 * {@code 1h}, {@code 1d}).
	 * @throws IllegalArgumentException when the value is set but is not a duration
	 */
	default Duration getDuration(String key, Duration defaultValue) {
		Optional<String> value = get(key);
		return value.isEmpty() ? defaultValue : Durations.parse(key, value.get());
	}

	/** Returns every property of the component, keys without the prefix. */
	Map<String, String> asMap();

}
