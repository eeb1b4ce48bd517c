package dev.microlith.platform.cache;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the node's caches under {@code microlith.caches.}.
 */
@ConfigurationProperties("microlith.caches")
public class CacheProperties {

	/**
	 * Directory of the persistent disk tiers of caches. A relative path is resolved against
	 * the data directory.
	 */
	private Path dir = Path.of("caches");

	/**
	 * Number of threads that run background refreshes of origin-backed caches whose loader
	 * is synchronous. Asynchronous loaders run on their own schedulers.
	 */
	private int refreshThreads = 2;

	public Path getDir() {
		return this.dir;
	}

	public void setDir(Path dir) {
		this.dir = dir;
	}

	public int getRefreshThreads() {
		return this.refreshThreads;
	}

	public void setRefreshThreads(int refreshThreads) {
		this.refreshThreads = refreshThreads;
	}

}
