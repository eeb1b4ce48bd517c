package dev.microlith.sdk;

/**
 * Where a component jar keeps its descriptor.
 * <p>
 * The descriptor is a JSON document with the component's {@code name}, {@code version},
 * {@code entryClass}, {@code sdkVersion} (the minimum SDK version it needs), and the
 * {@code tables}, {@code caches}, {@code topics} and {@code requires} it declares. The
 * node reads it without loading any class of the jar. {@code docs/components.md}
 * describes every field.
 */
public final class ComponentDescriptorLocation {

	/** Path of the descriptor inside a component jar. */
	public static final String PATH = "META-INF/microlith/component.json";

	private ComponentDescriptorLocation() {
	}

}
