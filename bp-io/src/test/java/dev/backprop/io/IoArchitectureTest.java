package dev.backprop.io;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** bp-io uses bp-api (never the SPI's support helpers or a backend) and Jackson. */
class IoArchitectureTest {

    private static final JavaClasses IO = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.backprop.io");

    @Test
    void dependsOnTheApiJacksonAndTheJdkOnly() {
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.backprop.io..", "dev.backprop.nn..", "dev.backprop.init..",
                        "dev.backprop.spi", "com.fasterxml.jackson..", "java..")
                .check(IO);
    }
}
