package dev.qrbeam.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The app's side of the module rules (the rest is cli's ModuleLayersTest), read from the compiled main classes
 * (ArchUnit): no cycle between the app's packages, and only the composition root builds the engine.
 */
class ModuleLayersTest {
    /** The app's main classes only (not its tests). */
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.qrbeam.app");

    @Test
    void appPackagesAreFreeOfCycles() {
        slices().matching("dev.qrbeam.app.(**)").should().beFreeOfCycles().check(APP);
    }

    @Test
    void onlyTheEnginePackageConstructsTheEngine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.qrbeam.app.engine")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.qrbeam.core.engine..")
                .check(APP);
    }
}
