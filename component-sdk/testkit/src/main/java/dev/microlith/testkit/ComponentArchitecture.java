package dev.microlith.testkit;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Architecture rules for component code, to check with ArchUnit in a component's tests.
 */
public final class ComponentArchitecture {

	private ComponentArchitecture() {
	}

	/**
	 * Returns a rule that component classes in {@code basePackage} use only the SDK, the
	 * JDK, Reactor, Reactive Streams, SLF4J, Micrometer and their own package: the types a
	 * node shares with its components. Anything else must be bundled under {@code lib/}
	 * and allowed explicitly.
	 */
	public static ArchRule onlyDependsOnSharedApi(String basePackage) {
		return onlyDependsOnSharedApi(basePackage, new String[0]);
	}

	/**
	 * Returns the rule of {@link #onlyDependsOnSharedApi(String)} that also allows the
	 * libraries a component bundles under {@code lib/}.
	 * @param bundledPackages ArchUnit package patterns of the bundled libraries, such as
	 * {@code com.fasterxml.jackson.core..}
	 */
	public static ArchRule onlyDependsOnSharedApi(String basePackage, String... bundledPackages) {
		List<String> allowed = new ArrayList<>(List.of(basePackage + "..", "dev.microlith.sdk..", "java..",
				"javax.annotation..", "reactor..", "org.reactivestreams..", "org.slf4j..", "io.micrometer.."));
		allowed.addAll(List.of(bundledPackages));
		String bundled = (bundledPackages.length > 0) ? " and its bundled " + String.join(", ", bundledPackages) : "";
		return classes().that()
			.resideInAPackage(basePackage + "..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(allowed.toArray(String[]::new))
			.as("component classes in " + basePackage
					+ " depend only on the SDK, Java, Reactor, SLF4J and Micrometer" + bundled);
	}

}
