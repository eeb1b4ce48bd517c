package dev.microlith.samples.todo;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import dev.microlith.testkit.ComponentArchitecture;

class TodoArchitectureTests {

	@Test
	void componentDependsOnlyOnSharedApi() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.microlith.samples.todo");

		ComponentArchitecture.onlyDependsOnSharedApi("dev.microlith.samples.todo").check(classes);
	}

}
