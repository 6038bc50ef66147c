package dev.backprop.backend.pure.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The choice follows the JVM: this class runs in both of the module's test executions, with and
 * without {@code --add-modules jdk.incubator.vector}.
 */
class GemmProviderTest {

    private static final boolean MODULE = ModuleLayer.boot().findModule(GemmProvider.VECTOR_MODULE).isPresent();

    @Test
    void vectorKernelsExactlyWhenTheModuleIsEnabled() {
        assertEquals(MODULE, GemmProvider.get().vectorized(), GemmProvider.get().describe());
        assertEquals(MODULE, GemmProvider.vector().isPresent());
    }

    /** The module's pom runs this class once with and once without the module, and says which in a property. */
    @Test
    void eachSurefireExecutionRunsTheKernelItIsFor() {
        String expected = System.getProperty("backprop.test.vectorExpected");
        assumeTrue(expected != null, "run outside the module's Surefire executions");
        assertEquals(Boolean.parseBoolean(expected), GemmProvider.get().vectorized(), GemmProvider.get().describe());
    }

    @Test
    void descriptionNamesTheKernel() {
        String description = GemmProvider.get().describe();
        assertTrue(description.contains(MODULE ? "Vector API" : "scalar"), description);
    }

    @Test
    void scalarProviderIsAlwaysAvailableAndSaysHowToVectorize() {
        GemmProvider scalar = GemmProvider.scalar();
        assertFalse(scalar.vectorized());
        assertTrue(scalar.describe().contains("--add-modules jdk.incubator.vector"), scalar.describe());
    }

    @Test
    void theOverloadsPickThePrecision() {
        double[] c64 = {5};
        GemmProvider.get().gemm(false, false, 1, 1, 1, 2, new double[] {3}, new double[] {4}, 1, c64);
        assertEquals(29, c64[0]);
        float[] c32 = {5};
        GemmProvider.get().gemm(false, false, 1, 1, 1, 2, new float[] {3}, new float[] {4}, 1, c32);
        assertEquals(29f, c32[0]);
    }
}
