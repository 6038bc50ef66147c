package dev.backprop.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The examples are written against the API only: they run on whatever backend is on the class path. */
class ExamplesArchitectureTest {

    private static final JavaClasses EXAMPLES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.backprop.examples");

    @Test
    void importNoBackendClassAndNoBackendLibrary() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.backprop.backend.pure..", "dev.backprop.backend.ejml..",
                        "dev.backprop.backend.nd4j..", "org.nd4j..", "org.ejml..", "org.bytedeco..")
                .check(EXAMPLES);
    }

    @Test
    void useNoSpiSupportHelpers() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.backprop.spi.support..").check(EXAMPLES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.backprop.examples.(**)").should().beFreeOfCycles().check(EXAMPLES);
    }
}
