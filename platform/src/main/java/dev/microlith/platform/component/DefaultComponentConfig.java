package dev.microlith.platform.component;

import java.util.Map;
import java.util.Optional;

import dev.microlith.sdk.ComponentConfig;

/** A component's configuration, fixed when the component is deployed. */
record DefaultComponentConfig(Map<String, String> asMap) implements ComponentConfig {

	DefaultComponentConfig {
		asMap = Map.copyOf(asMap);
	}

	@Override
	public Optional<String> get(String key) {
		return Optional.ofNullable(this.asMap.get(key));
	}

}
