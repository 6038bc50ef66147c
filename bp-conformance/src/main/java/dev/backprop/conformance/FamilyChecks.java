package dev.backprop.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.OpFamily;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The op families a backend lists ({@link Backend#families()}): every family the kit expects of it
 * ({@link BackendConformance#expectedFamilies()}, all of them unless the backend's test says
 * otherwise) is listed, so no op check is skipped unnoticed; and a family it does not list fails with
 * the family's "unsupported" error naming it, not with a wrong result.
 */
public abstract class FamilyChecks {

    private final BackendConformance kit;

    /** For the kit's nested class. */
    protected FamilyChecks(BackendConformance kit) {
        this.kit = kit;
    }

    @Test
    void theBackendListsEveryFamilyItIsExpectedToImplement() {
        Set<OpFamily> listed = kit.backend().families();
        Set<OpFamily> missing = EnumSet.noneOf(OpFamily.class);
        for (OpFamily family : kit.expectedFamilies()) {
            if (!listed.contains(family)) {
                missing.add(family);
            }
        }
        assertTrue(missing.isEmpty(), "backend " + kit.backend().name() + " lists " + listed + " but not " + missing
                + ", which its conformance test expects (override expectedFamilies() to declare a partial backend)");
        assertTrue(listed.containsAll(OpFamily.baseline()), "every backend implements the baseline families "
                + OpFamily.baseline() + "; " + kit.backend().name() + " lists " + listed);
    }

    @Test
    void anUnlistedConvolutionFamilyFailsWithItsName() {
        Backend backend = kit.backend();
        if (backend.families().contains(OpFamily.CONVOLUTION)) {
            return;
        }
        try (Tensor x = backend.allocate(DType.FLOAT64, Shape.of(1, 1, 3, 3));
                Tensor y = backend.allocate(DType.FLOAT64, Shape.of(1, 1, 1, 1))) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> backend.avgPool2d(x, Window2d.square(3, 1, 0), y));
            assertTrue(e.getMessage().contains("CONVOLUTION"), "the error should name the family: " + e.getMessage());
        }
    }
}
