package dev.microlith.sdk;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The SDK is what components compile against, so it may depend on nothing but the JDK
 * and the three APIs the node shares with every component.
 */
class SdkArchitectureTests {

	private final JavaClasses sdk = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.microlith.sdk");

	@Test
	void sdkDependsOnSharedApisOnly() {
		classes().should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("dev.microlith.sdk..", "java..", "reactor.core..", "org.reactivestreams..", "org.slf4j..",
					"io.micrometer.core.instrument..")
			.because("components get these packages from the node and nothing else")
			.check(this.sdk);
	}

	@Test
	void sdkNeverDependsOnPlatform() {
		classes().should().onlyDependOnClassesThat().resideOutsideOfPackage("dev.microlith.platform..").check(this.sdk);
	}

	@Test
	void sdkPackagesFormNoCycles() {
		slices().matching("dev.microlith.sdk.(*)..").should().beFreeOfCycles().check(this.sdk);
	}

}
