package dev.microlith.platform.component;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

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

	/**
	 * How often the components directory is scanned for new, replaced and removed jars. A
	 * jar is deployed once its size and modification time are the same in two scans in a
	 * row, so that a jar still being copied is not read.
	 */
	private Duration scanInterval = Duration.ofSeconds(1);

	/** Maximum size of a jar uploaded to POST /ops/components. */
	private DataSize maxUploadSize = DataSize.ofMegabytes(64);

	/** Maximum size of a request body read by a component's HTTP handler. */
	private DataSize maxRequestBodySize = DataSize.ofMegabytes(1);

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

	public Duration getScanInterval() {
		return this.scanInterval;
	}

	public void setScanInterval(Duration scanInterval) {
		this.scanInterval = scanInterval;
	}

	public DataSize getMaxUploadSize() {
		return this.maxUploadSize;
	}

	public void setMaxUploadSize(DataSize maxUploadSize) {
		this.maxUploadSize = maxUploadSize;
	}

	public DataSize getMaxRequestBodySize() {
		return this.maxRequestBodySize;
	}

	public void setMaxRequestBodySize(DataSize maxRequestBodySize) {
		this.maxRequestBodySize = maxRequestBodySize;
	}

}
