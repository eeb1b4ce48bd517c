package dev.microlith.testkit;

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
		return classes().that()
			.resideInAPackage(basePackage + "..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(basePackage + "..", "dev.microlith.sdk..", "java..", "javax.annotation..",
					"reactor..", "org.reactivestreams..", "org.slf4j..", "io.micrometer..")
			.as("component classes in " + basePackage + " depend only on the SDK, Java, Reactor, SLF4J and Micrometer");
	}

}
