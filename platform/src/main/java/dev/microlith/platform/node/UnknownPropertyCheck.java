package dev.microlith.platform.node;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Rejects {@code microlith.*} properties (and {@code MICROLITH_*} environment variables)
 * that the node does not define, so that a misspelt setting fails the start instead of
 * being silently ignored.
 * <p>
 * The known properties are read from the configuration metadata that the Spring Boot
 * configuration processor writes into the node's jars. Names are compared in relaxed
 * form (case, {@code -}, {@code _} and {@code .} ignored), as Spring Boot binds them. A
 * property of map type, such as {@code microlith.component-config}, accepts any key
 * under it. The variables read by the {@code microlith} CLI are allowed too.
 */
public class UnknownPropertyCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** Environment variables of the CLI, which a node started from the same shell sees too. */
	static final Set<String> CLI_VARIABLES = Set.of("MICROLITH_URL", "MICROLITH_USER", "MICROLITH_PASSWORD",
			"MICROLITH_TOKEN");

	private static final String METADATA = "classpath*:META-INF/spring-configuration-metadata.json";

	/** Runs after logging is initialised, so that the failure is reported like any other. */
	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		KnownProperties known = loadKnownProperties();
		List<String> unknown = new ArrayList<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				collectUnknown(enumerable, known, unknown);
			}
		}
		if (!unknown.isEmpty()) {
			throw new InvalidConfigurationException("Unknown configuration " + String.join(", ", unknown),
					"Remove or correct it; the node's properties are listed in docs/configuration.md");
		}
	}

	private static void collectUnknown(EnumerablePropertySource<?> source, KnownProperties known, List<String> unknown) {
		for (String name : source.getPropertyNames()) {
			if (isMicrolithName(name) && !CLI_VARIABLES.contains(name) && !known.contains(name)) {
				unknown.add("'" + name + "' (from " + source.getName() + ")");
			}
		}
	}

	private static boolean isMicrolithName(String name) {
		return name.startsWith("microlith.") || name.startsWith("MICROLITH_");
	}

	private static KnownProperties loadKnownProperties() {
		JsonMapper mapper = JsonMapper.builder().build();
		KnownProperties known = new KnownProperties();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources(METADATA)) {
				try (InputStream in = resource.getInputStream()) {
					JsonNode properties = mapper.readTree(in).path("properties");
					for (JsonNode property : properties) {
						known.add(property.path("name").asString(), property.path("type").asString(""));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Failed to read the node's configuration metadata (" + METADATA + ")", ex);
		}
		return known;
	}

	/** Property names in relaxed form, exact ones and map prefixes. */
	private static final class KnownProperties {

		private final Set<String> exact = new TreeSet<>();

		private final Set<String> mapPrefixes = new TreeSet<>();

		void add(String name, String type) {
			if (!name.startsWith("microlith.")) {
				return;
			}
			this.exact.add(relaxed(name));
			if (type.startsWith("java.util.Map")) {
				this.mapPrefixes.add(relaxed(name));
			}
		}

		boolean contains(String name) {
			String candidate = relaxed(name);
			return this.exact.contains(candidate)
					|| this.mapPrefixes.stream().anyMatch(prefix -> candidate.startsWith(prefix));
		}

		private static String relaxed(String name) {
			return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "")
					.replaceAll("\\[\\d+\\]", "");
		}

	}

}
