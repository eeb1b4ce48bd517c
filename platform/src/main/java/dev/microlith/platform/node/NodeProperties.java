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

	/**
	 * Password of the 'admin' user that the first start of a node creates. When unset, the
	 * first start generates one and prints it once in the log. Later starts ignore it.
	 */
	private String adminPassword;

	public Path getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(Path dataDir) {
		this.dataDir = dataDir;
	}

	public String getAdminPassword() {
		return this.adminPassword;
	}

	public void setAdminPassword(String adminPassword) {
		this.adminPassword = adminPassword;
	}

}
