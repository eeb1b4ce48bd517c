package dev.microlith.platform.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders components so that each comes after the components it requires. Components in a
 * requirement cycle come last, in their given order, and fail their requirement check.
 */
final class RequirementOrder {

	private RequirementOrder() {
	}

	static List<ComponentJar> sort(List<ComponentJar> jars) {
		Map<String, ComponentJar> byName = new LinkedHashMap<>();
		jars.forEach(jar -> byName.putIfAbsent(jar.descriptor().name(), jar));
		List<ComponentJar> sorted = new ArrayList<>();
		for (String name : sortNames(jars.stream().map(ComponentJar::descriptor).toList())) {
			sorted.add(byName.get(name));
		}
		for (ComponentJar jar : jars) {
			if (!sorted.contains(jar)) {
				sorted.add(jar);
			}
		}
		return sorted;
	}

	static List<String> sortNames(List<ComponentDescriptor> descriptors) {
		Map<String, ComponentDescriptor> byName = new LinkedHashMap<>();
		descriptors.forEach(descriptor -> byName.putIfAbsent(descriptor.name(), descriptor));
		Set<String> done = new LinkedHashSet<>();
		boolean progress = true;
		while (progress) {
			progress = false;
			for (ComponentDescriptor descriptor : byName.values()) {
				boolean ready = descriptor.requires().stream()
					.allMatch(required -> done.contains(required) || !byName.containsKey(required));
				if (!done.contains(descriptor.name()) && ready) {
					done.add(descriptor.name());
					progress = true;
				}
			}
		}
		done.addAll(byName.keySet());
		return new ArrayList<>(done);
	}

}
