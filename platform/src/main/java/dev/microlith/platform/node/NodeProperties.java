package dev.microlith.platform.node;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Node-wide settings under {@code microlith.}.
 */
@ConfigurationProperties("microlith")
public class NodeProperties {

	/**
	 * Directory for the node's tables, backups and lock file. Created when missing; only
	 * one running node may use it at a time.
	 */
	private Path dataDir = Path.of("data");

	public Path getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(Path dataDir) {
		this.dataDir = dataDir;
	}

}
