package dev.backprop.backend.pure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** bp-backend-pure depends on bp-api's SPI and the JDK (the Vector API included), nothing else. */
class PureArchitectureTest {

    private static final JavaClasses PURE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.backprop.backend.pure");

    @Test
    void dependsOnlyOnTheSpiAndTheJdk() {
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.backprop.backend.pure..", "dev.backprop.spi..", "java..",
                        "jdk.incubator.vector..")
                .check(PURE);
    }

    /** Only these classes link against the incubator module, so the scalar path loads without it. */
    @Test
    void onlyTheVectorKernelsUseTheVectorApi() {
        noClasses().that().doNotHaveSimpleName("VectorGemmProvider")
                .and().haveSimpleNameNotEndingWith("VectorMicroKernel")
                .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
                .check(PURE);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.backprop.backend.(**)").should().beFreeOfCycles().check(PURE);
    }
}
