package dev.microlith.platform.cache;

/**
 * Thrown when a component declares a cache that the node cannot create: a missing or
 * invalid field, a tier size that does not fit, or a name declared twice. The deploy of
 * the component is rejected, and no cache of it is created.
 */
public class InvalidCacheDefinitionException extends IllegalArgumentException {

	private final String cacheName;

	private final String field;

	public InvalidCacheDefinitionException(String cacheName, String field, String message, Throwable cause) {
		super("Invalid cache '" + cacheName + "', field '" + field + "': " + message, cause);
		this.cacheName = cacheName;
		this.field = field;
	}

	public InvalidCacheDefinitionException(String cacheName, String field, String message) {
		this(cacheName, field, message, null);
	}

	/** Returns the name of the cache whose declaration is invalid. */
	public String cacheName() {
		return this.cacheName;
	}

	/** Returns the descriptor field that is invalid, such as {@code ttl} or {@code tiers.disk}. */
	public String field() {
		return this.field;
	}

}
