package dev.microlith.platform.cache;

/**
 * Thrown when an operation names a cache that no running component declares.
 */
public class CacheNotFoundException extends RuntimeException {

	public CacheNotFoundException(String owner, String name) {
		super("Cache '" + name + "' of component '" + owner
				+ "' not found; list the node's caches with GET /actuator/caches");
	}

}
