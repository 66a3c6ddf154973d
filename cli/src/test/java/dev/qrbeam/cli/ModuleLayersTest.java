package dev.qrbeam.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module stack, read from the compiled main classes (ArchUnit): protocol → relay → core → cli, each using only
 * the modules below it, and no package cycle inside any of them. Maven dependencies and the module descriptors
 * already stop an upward import between modules at compile time; this also catches a cycle between the packages of
 * one module. The desktop app is not on this class path (nothing may depend on it, which Maven already enforces).
 */
class ModuleLayersTest {
    /** Main classes only: not this module's tests, not core's test-jar. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.qrbeam");

    @Test
    void eachModuleUsesOnlyTheModulesBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("protocol")
                .definedBy("dev.qrbeam.protocol..")
                .layer("relay")
                .definedBy("dev.qrbeam.relay..")
                .layer("core")
                .definedBy("dev.qrbeam.core..")
                .layer("cli")
                .definedBy("dev.qrbeam.cli..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("core")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("relay")
                .mayOnlyBeAccessedByLayers("core", "cli")
                .whereLayer("protocol")
                .mayOnlyBeAccessedByLayers("relay", "core", "cli")
                .check(MAIN);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.qrbeam.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
