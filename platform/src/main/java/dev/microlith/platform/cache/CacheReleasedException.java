package dev.microlith.platform.cache;

/**
 * Thrown when a component uses a cache handle after the node released the component's
 * caches, which happens when the component is stopped, undeployed or replaced.
 */
public class CacheReleasedException extends IllegalStateException {

	public CacheReleasedException(String owner, String name) {
		super("Cache '" + name + "' of component '" + owner
				+ "' was released because the component stopped; get a new handle from the component's context");
	}

}
