package dev.microlith.platform.component;

import java.util.List;
import java.util.Objects;

/**
 * A component's descriptor, read from {@value dev.microlith.sdk.ComponentDescriptorLocation#PATH}
 * in its jar without loading any of its classes. Instances are validated by
 * {@link ComponentDescriptorReader}.
 * @param name the component's name: a lower-case letter, then lower-case letters, digits or
 * {@code -}, at most 64 characters
 * @param version the component's version, free text such as {@code 1.2.0}
 * @param entryClass the binary name of the class implementing {@link dev.microlith.sdk.Component}
 * @param sdkVersion the minimum SDK version the component needs, {@code MAJOR.MINOR}
 * @param requires the names of components that must be active before this one starts
 * @param tables the tables the component declares
 * @param caches the caches the component declares
 * @param topics the hub topics or topic patterns the component publishes or subscribes to
 */
public record ComponentDescriptor(String name, String version, String entryClass, String sdkVersion,
		List<String> requires, List<TableDeclaration> tables, List<CacheDeclaration> caches, List<String> topics) {

	public ComponentDescriptor {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(version, "'version' must not be null");
		Objects.requireNonNull(entryClass, "'entryClass' must not be null");
		Objects.requireNonNull(sdkVersion, "'sdkVersion' must not be null");
		requires = List.copyOf(requires);
		tables = List.copyOf(tables);
		caches = List.copyOf(caches);
		topics = List.copyOf(topics);
	}

	/** Returns the declared cache named {@code cacheName}, or {@code null} when there is none. */
	public CacheDeclaration cache(String cacheName) {
		return this.caches.stream().filter(cache -> cache.name().equals(cacheName)).findFirst().orElse(null);
	}

}
