package dev.backprop.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** bp-spark uses bp-api's user API (no backend, no SPI helper), Spark and the JDK only. */
class SparkArchitectureTest {

    /** The module's own classes folder or jar only: scanning Spark's 116 jars for the package is slow. */
    private static final JavaClasses SPARK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrl(SparkTrainer.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void dependsOnTheApiSparkAndTheJdkOnly() {
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.backprop.spark..", "dev.backprop.train..", "dev.backprop.nn..",
                        "dev.backprop.loss..", "dev.backprop.optim..", "dev.backprop.data..", "dev.backprop.eval..",
                        "dev.backprop.init..", "dev.backprop.backend", "dev.backprop.spi", "org.apache.spark..", "scala..",
                        "java..")
                .check(SPARK);
    }
}
