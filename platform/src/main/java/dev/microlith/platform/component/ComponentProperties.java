package dev.microlith.platform.component;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the component runtime under {@code microlith.components.}.
 */
@ConfigurationProperties("microlith.components")
public class ComponentProperties {

	/** Directory watched for component jars. Created when missing. */
	private Path dir = Path.of("deploy");

	/** Maximum time a component's start may take before it is marked FAILED. */
	private Duration startTimeout = Duration.ofSeconds(30);

	/** Maximum time a replaced or undeployed component gets to finish in-flight requests. */
	private Duration drainTimeout = Duration.ofSeconds(10);

	public Path getDir() {
		return this.dir;
	}

	public void setDir(Path dir) {
		this.dir = dir;
	}

	public Duration getStartTimeout() {
		return this.startTimeout;
	}

	public void setStartTimeout(Duration startTimeout) {
		this.startTimeout = startTimeout;
	}

	public Duration getDrainTimeout() {
		return this.drainTimeout;
	}

	public void setDrainTimeout(Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
	}

}
