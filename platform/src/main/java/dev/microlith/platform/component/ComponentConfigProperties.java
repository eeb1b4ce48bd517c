package dev.microlith.platform.component;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration handed to components, under {@code microlith.component-config.}. It sits
 * beside {@link ComponentProperties} because its prefix is part of the SDK's contract.
 */
@ConfigurationProperties("microlith")
public class ComponentConfigProperties {

	/**
	 * Configuration of each component, by component name: for example
	 * {@code microlith.component-config.orders.page-size=50} gives component 'orders' the
	 * key 'page-size'.
	 */
	private Map<String, Map<String, String>> componentConfig = new LinkedHashMap<>();

	public Map<String, Map<String, String>> getComponentConfig() {
		return this.componentConfig;
	}

	public void setComponentConfig(Map<String, Map<String, String>> componentConfig) {
		this.componentConfig = componentConfig;
	}

}
