package dev.microlith.samples.regions;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import dev.microlith.testkit.ComponentArchitecture;

class RegionsArchitectureTests {

	@Test
	void componentDependsOnlyOnSharedApi() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.microlith.samples.regions");

		ComponentArchitecture.onlyDependsOnSharedApi("dev.microlith.samples.regions", "com.fasterxml.jackson.core..")
			.check(classes);
	}

}
