package dev.microlith.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies a JSON merge patch (RFC 7396) to a record: a field mapped to {@code null} is
 * removed, an object is merged into the object of the same field, any other value replaces
 * the field, and fields the patch leaves out keep their values.
 */
final class MergePatch {

	private MergePatch() {
	}

	/** Returns a new record: {@code target} with {@code patch} applied; neither argument changes. */
	static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
		Map<String, Object> result = new LinkedHashMap<>(target);
		patch.forEach((name, value) -> {
			if (value == null) {
				result.remove(name);
			}
			else if (value instanceof Map<?, ?> nested) {
				Object current = result.get(name);
				Map<String, Object> base = (current instanceof Map<?, ?> map) ? cast(map) : Map.of();
				result.put(name, apply(base, cast(nested)));
			}
			else {
				result.put(name, value);
			}
		});
		return result;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

}
