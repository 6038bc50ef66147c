package dev.backprop.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BackendProvider;
import dev.backprop.spi.OpFamily;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInfo;

/**
 * The conformance kit for one backend. A backend author writes one test class:
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformance {
 *     @Override
 *     protected BackendProvider provider() {
 *         return new MyBackendProvider();
 *     }
 * }
 * }</pre>
 *
 * and {@code mvn test} runs every nested group of checks below against the backend. Tolerances come
 * from {@link dev.backprop.numeric.Tolerances}; failures name the check, the shapes, the data type and
 * the worst element.
 */
public abstract class BackendConformance {

    private static final Map<Class<?>, Backend> BACKENDS = new ConcurrentHashMap<>();

    /** Writes the worst errors measured to {@code target/conformance/<class>.tsv}. */
    @AfterAll
    static void writeReport(TestInfo info) {
        ConformanceReport.write(info.getTestClass().map(Class::getSimpleName).orElse("conformance"));
    }

    /** The provider under test; called once per test, so return a cheap new instance or a constant. */
    protected abstract BackendProvider provider();

    /** The backend under test, created once per conformance class and reused by every check. */
    public final Backend backend() {
        return BACKENDS.computeIfAbsent(getClass(), type -> {
            BackendProvider provider = provider();
            Availability availability = provider.availability();
            if (!availability.available()) {
                fail("backend " + provider.name() + " is unavailable: " + availability.describe(),
                        availability.cause().orElse(null));
            }
            return provider.create();
        });
    }

    /**
     * The op families the backend must list in {@link Backend#families()}: every family by default. A
     * backend that implements only some overrides this; the checks of a family it lacks then only
     * require the family's "unsupported" error.
     */
    protected Set<OpFamily> expectedFamilies() {
        return EnumSet.allOf(OpFamily.class);
    }

    /**
     * Whether a steady-state training step on the backend allocates nothing on the Java heap, checked by
     * {@link AllocationChecks}: false by default (a backend over native code may allocate its op
     * descriptors); a backend that promises it overrides this to return true.
     */
    protected boolean allocationFreeSteps() {
        return false;
    }

    /** The families the backend lists, against those expected of it. */
    @Nested
    @DisplayName("op families")
    class Families extends FamilyChecks {
        Families() {
            super(BackendConformance.this);
        }
    }

    /** Steady-state training steps allocate nothing, where the backend promises it. */
    @Nested
    @DisplayName("allocation")
    class Allocation extends AllocationChecks {
        Allocation() {
            super(BackendConformance.this);
        }
    }

    /** Storage ops: allocation, upload, download, copy, fill. */
    @Nested
    @DisplayName("ops: storage")
    class Storage extends StorageOpChecks {
        Storage() {
            super(BackendConformance.this);
        }
    }

    /** GEMM against the kit's reference, every transpose, scalar and block-straddling size. */
    @Nested
    @DisplayName("ops: gemm")
    class Gemm extends MatrixOpChecks {
        Gemm() {
            super(BackendConformance.this);
        }
    }

    /** Element-wise functions, broadcasts, linear combinations and clamps, within a few ulp. */
    @Nested
    @DisplayName("ops: element-wise")
    class Elementwise extends ElementwiseOpChecks {
        Elementwise() {
            super(BackendConformance.this);
        }
    }

    /** Sums, dot products, row and column reductions along lines of every length class. */
    @Nested
    @DisplayName("ops: reductions")
    class Reductions extends ReductionOpChecks {
        Reductions() {
            super(BackendConformance.this);
        }
    }

    /** Fused ops, as the backend's kernel and as the composed default on its primitives. */
    @Nested
    @DisplayName("ops: fused")
    class Fused extends FusedOpChecks {
        Fused() {
            super(BackendConformance.this);
        }
    }

    /** Convolution and pooling against the definitions, in both precisions, on odd geometries. */
    @Nested
    @DisplayName("ops: convolution")
    class Convolution extends ConvolutionOpChecks {
        Convolution() {
            super(BackendConformance.this);
        }
    }

    /** Tensors of rank 1 to 4, views, and the per-channel broadcast. */
    @Nested
    @DisplayName("shapes")
    class Shapes extends ShapeChecks {
        Shapes() {
            super(BackendConformance.this);
        }
    }

    /** Hand-computed values of every layer, activation, loss and optimizer on tiny cases. */
    @Nested
    @DisplayName("hand-computed values")
    class HandComputed extends HandComputedChecks {
        HandComputed() {
            super(BackendConformance.this);
        }
    }

    /** Analytic gradients against central finite differences (float64). */
    @Nested
    @DisplayName("gradients match finite differences")
    class FiniteDifferences extends FiniteDifferenceChecks {
        FiniteDifferences() {
            super(BackendConformance.this);
        }
    }

    /**
     * The PyTorch golden fixtures (float64): those bundled in the kit jar, and those of every folder
     * named by {@value OracleSources#PROPERTY}.
     */
    @Nested
    @DisplayName("PyTorch golden values")
    class Oracle extends OracleChecks {
        Oracle() {
            super(BackendConformance.this);
        }
    }

    /** Optimizer steps against the reference backend, and the trainer's features. */
    @Nested
    @DisplayName("training")
    class Training extends TrainingChecks {
        Training() {
            super(BackendConformance.this);
        }
    }

    /** Float32 against float64, and training that converges in both. */
    @Nested
    @DisplayName("precisions and training")
    class Precision extends PrecisionChecks {
        Precision() {
            super(BackendConformance.this);
        }
    }

    /** Bad input gets a clear error. */
    @Nested
    @DisplayName("errors")
    class Errors extends ErrorChecks {
        Errors() {
            super(BackendConformance.this);
        }
    }
}
