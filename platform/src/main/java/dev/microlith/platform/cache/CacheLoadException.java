package dev.microlith.platform.cache;

/**
 * Thrown to the callers of {@code getOrLoad} when the loader failed with a checked
 * exception, which is the cause. Unchecked exceptions and errors of a loader reach the
 * callers unwrapped.
 */
public class CacheLoadException extends RuntimeException {

	public CacheLoadException(String message, Throwable cause) {
		super(message, cause);
	}

}
