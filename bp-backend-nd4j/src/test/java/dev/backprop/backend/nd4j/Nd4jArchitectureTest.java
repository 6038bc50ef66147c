package dev.backprop.backend.nd4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** bp-backend-nd4j depends on bp-api's SPI, ND4J (with its JavaCPP layer) and the JDK, and on no other backend. */
class Nd4jArchitectureTest {

    private static final JavaClasses ND4J_BACKEND = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.backprop.backend.nd4j");

    @Test
    void dependsOnlyOnTheSpiNd4jAndTheJdk() {
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.backprop.backend.nd4j..", "dev.backprop.spi..", "org.nd4j..",
                        "org.bytedeco.javacpp..", "java..")
                .check(ND4J_BACKEND);
    }
}
