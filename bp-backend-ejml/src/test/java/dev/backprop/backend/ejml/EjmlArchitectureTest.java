package dev.backprop.backend.ejml;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** bp-backend-ejml depends on bp-api's SPI, EJML and the JDK, and on no other backend. */
class EjmlArchitectureTest {

    private static final JavaClasses EJML_BACKEND = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.backprop.backend.ejml");

    @Test
    void dependsOnlyOnTheSpiEjmlAndTheJdk() {
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.backprop.backend.ejml..", "dev.backprop.spi..", "org.ejml..", "java..")
                .check(EJML_BACKEND);
    }
}
