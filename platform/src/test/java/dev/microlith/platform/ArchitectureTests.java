package dev.microlith.platform;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package rules of the platform: its capability packages do not form cycles.
 */
class ArchitectureTests {

	private final JavaClasses platform = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.microlith.platform");

	@Test
	void capabilityPackagesFormNoCycles() {
		slices().matching("dev.microlith.platform.(*)..").should().beFreeOfCycles().check(this.platform);
	}

}
