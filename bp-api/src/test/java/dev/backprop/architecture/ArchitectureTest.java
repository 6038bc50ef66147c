package dev.backprop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of bp-api (ARCHITECTURE.md, principle 1). */
class ArchitectureTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.backprop");

    @Test
    void dependsOnTheJdkOnly() {
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.backprop..", "java..", "javax..", "jdk..")
                .because("bp-api is dependency-free")
                .check(API);
    }

    @Test
    void frameworkPackagesUseTheSpiButNotItsSupportHelpers() {
        noClasses().that().resideOutsideOfPackages("dev.backprop.spi..")
                .should().dependOnClassesThat().resideInAPackage("dev.backprop.spi.support..")
                .because("layers, losses and optimizers talk to the SPI, not to backend-author helpers")
                .check(API);
    }

    @Test
    void theSpiKnowsNothingOfTheFramework() {
        noClasses().that().resideInAPackage("dev.backprop.spi..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.backprop.spi..", "java..")
                .check(API);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.backprop.(**)").should().beFreeOfCycles().check(API);
    }

    @Test
    void noBackendClassInTheApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.backprop.backend.*.." )
                .check(API);
    }
}
