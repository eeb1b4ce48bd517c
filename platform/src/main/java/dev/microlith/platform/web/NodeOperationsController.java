package dev.microlith.platform.web;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.microlith.platform.node.DataDirectory;

/**
 * The operations API's view of the node itself: {@code GET /ops/node}.
 */
@RestController
class NodeOperationsController {

	private static final Pattern SECRET = Pattern.compile("password|secret|token|credential|private|key(store)?$");

	private final Optional<BuildProperties> build;

	private final DataDirectory dataDirectory;

	private final ConfigurableEnvironment environment;

	NodeOperationsController(Optional<BuildProperties> build, DataDirectory dataDirectory,
			ConfigurableEnvironment environment) {
		this.build = build;
		this.dataDirectory = dataDirectory;
		this.environment = environment;
	}

	@GetMapping("/ops/node")
	NodeDescriptor node() {
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
		return new NodeDescriptor(this.build.map(BuildProperties::getVersion).orElse("development"),
				Runtime.version().toString(), uptime.toSeconds(), new Memory(heap.getUsed(), heap.getCommitted(),
						heap.getMax()), this.dataDirectory.path().toString(), configuration());
	}

	/** Returns the node's {@code microlith.*} properties, with secret values masked. */
	private Map<String, String> configuration() {
		Map<String, String> properties = new TreeMap<>();
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if ((name.startsWith("microlith.") || name.startsWith("MICROLITH_")) && !properties.containsKey(name)) {
						properties.put(name, mask(name, this.environment.getProperty(name)));
					}
				}
			}
		}
		return properties;
	}

	private static String mask(String name, String value) {
		return SECRET.matcher(name.toLowerCase(Locale.ROOT)).find() ? "******" : value;
	}

	/**
	 * The node as the operations API describes it.
	 * @param version the node's version
	 * @param java the Java runtime version
	 * @param uptimeSeconds seconds since the JVM started
	 * @param heap heap memory in bytes
	 * @param dataDirectory absolute path of the data directory
	 * @param configuration the {@code microlith.*} properties set explicitly, secrets masked
	 */
	record NodeDescriptor(String version, String java, long uptimeSeconds, Memory heap, String dataDirectory,
			Map<String, String> configuration) {
	}

	/**
	 * Heap memory in bytes.
	 * @param used bytes in use
	 * @param committed bytes reserved by the JVM
	 * @param max the maximum heap size, or -1 when undefined
	 */
	record Memory(long used, long committed, long max) {
	}

}
