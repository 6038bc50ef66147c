package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertWithin;
import static dev.backprop.conformance.OpHarness.random;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.conformance.OpHarness.Operand;
import dev.backprop.conformance.reference.Reference;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link dev.backprop.spi.MatrixOps#gemm} against {@link Reference#gemm}, element by element within
 * the summation bound of its {@code k + 1} terms: every transpose, alpha and beta of 0, 1, in (0, 1),
 * above 1 and negative, on small shapes and on sizes either side of powers of two and of any block
 * size a kernel might use (primes, tall, wide, square), with {@code c} full of NaN for beta 0.
 */
public abstract class MatrixOpChecks {

    /** {m, n, k}: every dimension 1, small, square, and odd sizes. */
    private static final int[][] SMALL = {{1, 1, 1}, {1, 7, 3}, {7, 1, 3}, {5, 3, 4}, {3, 5, 1}, {6, 6, 6},
        {13, 13, 13}, {33, 17, 64}};

    /** {alpha, beta}: 1 and 0, in (0, 1), negative, above 1. */
    private static final double[][] SCALARS = {{1, 0}, {1, 1}, {-0.5, 2.5}, {0, 1.5}, {2, 0}, {0.3, 0.7},
        {1, 0.25}, {0.75, -0.6}, {-1.25, -1}, {-1, 0.5}};

    /** {m, n, k}: above block sizes, one dimension a prime or 2^p ± 1, tall, wide and square. */
    private static final int[][] LARGE = {{129, 33, 257}, {65, 67, 131}, {67, 5, 1031}, {1, 257, 513},
        {257, 1, 129}, {64, 64, 64}, {63, 65, 33}, {31, 31, 31}};

    /** {alpha, beta} for the large sizes. */
    private static final double[][] LARGE_SCALARS = {{1, 0}, {0.3, 0.7}, {-1.5, -0.4}, {2, 1}};

    private final OpHarness ops;

    /** For the kit's nested class. */
    protected MatrixOpChecks(BackendConformance kit) {
        this.ops = new OpHarness(kit);
    }

    private Backend backend() {
        return ops.backend();
    }

    /**
     * Checks {@code c = alpha·op(a)·op(b) + beta·c} for each {alpha, beta} of {@code scalars} on one
     * pair of operands (the product is computed once, as {@link Reference#gemm} would for each).
     */
    private void checkGemm(DType dtype, boolean ta, boolean tb, int m, int n, int k, double[][] scalars,
            boolean nanInC, long seed) {
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        double[] a = random(seed, aRows * aCols, -2, 2, dtype);
        double[] b = random(seed + 1, bRows * bCols, -2, 2, dtype);
        double[] c = nanInC ? new double[m * n] : random(seed + 2, m * n, -2, 2, dtype);
        if (nanInC) {
            Arrays.fill(c, Double.NaN);
        }
        double[] product = Reference.gemm(ta, tb, 1, a, aRows, aCols, b, bRows, bCols, 0, c);
        double[] productMagnitudes = Reference.gemmMagnitudes(ta, tb, 1, a, aRows, aCols, b, bRows, bCols, 0, c);
        try (Tensor ta_ = ops.tensor(dtype, aRows, aCols, a); Tensor tb_ = ops.tensor(dtype, bRows, bCols, b)) {
            for (double[] ab : scalars) {
                double alpha = ab[0];
                double beta = ab[1];
                String what = "gemm " + dtype.id() + " op(a) " + (ta ? "aᵀ" : "a") + " [" + aRows + " x " + aCols
                        + "], op(b) " + (tb ? "bᵀ" : "b") + " [" + bRows + " x " + bCols + "], alpha " + alpha
                        + ", beta " + beta + (nanInC ? ", c full of NaN" : "");
                double[] expected = new double[m * n];
                double[] allowed = new double[m * n];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = beta == 0 ? alpha * product[i] : alpha * product[i] + beta * c[i];
                    double magnitude = Math.abs(alpha) * productMagnitudes[i] + (beta == 0 ? 0 : Math.abs(beta * c[i]));
                    allowed[i] = Tolerances.summation(dtype, k + 1, magnitude);
                }
                try (Tensor tc = ops.tensor(dtype, m, n, c)) {
                    double[] actual = ops.runOne(what, () -> backend().gemm(ta, tb, alpha, ta_, tb_, beta, tc),
                            Operand.input(ta_, a), Operand.input(tb_, b), Operand.result(tc));
                    assertWithin(what, expected, actual, allowed, n);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> gemm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    String flags = (ta ? "aᵀ" : "a") + "·" + (tb ? "bᵀ" : "b");
                    addSizes(tests, dtype, ta, tb, flags, SMALL, SCALARS);
                    addSizes(tests, dtype, ta, tb, flags, LARGE, LARGE_SCALARS);
                    addSizes(tests, dtype, ta, tb, flags, new int[][] {{300, 40, 700}}, new double[][] {{1, 0}});
                    tests.add(dynamicTest(dtype.id() + " " + flags + " beta 0 ignores NaN in c",
                            () -> checkGemm(dtype, ta, tb, 4, 3, 5, new double[][] {{1.5, 0}, {-0.25, 0}}, true, 8)));
                }
            }
        }
        tests.add(dynamicTest("rejects c aliasing a or b", () -> {
            try (Tensor a = backend().allocate(DType.FLOAT64, 3, 3); Tensor b = backend().allocate(DType.FLOAT64, 3, 3)) {
                assertThrows(IllegalArgumentException.class, () -> backend().gemm(false, false, 1, a, b, 0, a));
                assertThrows(IllegalArgumentException.class, () -> backend().gemm(false, false, 1, a, b, 0, b));
            }
        }));
        tests.add(dynamicTest("names both shapes when inner dimensions differ", () -> {
            try (Tensor a = backend().allocate(DType.FLOAT64, 2, 3); Tensor b = backend().allocate(DType.FLOAT64, 4, 5);
                    Tensor c = backend().allocate(DType.FLOAT64, 2, 5)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> backend().gemm(false, false, 1, a, b, 0, c));
                assertTrue(e.getMessage().contains("[2 x 3]") && e.getMessage().contains("[4 x 5]"), e.getMessage());
            }
        }));
        tests.add(dynamicTest("rejects mixed data types", () -> {
            try (Tensor a = backend().allocate(DType.FLOAT64, 2, 2); Tensor b = backend().allocate(DType.FLOAT32, 2, 2);
                    Tensor c = backend().allocate(DType.FLOAT64, 2, 2)) {
                assertThrows(IllegalArgumentException.class, () -> backend().gemm(false, false, 1, a, b, 0, c));
            }
        }));
        return tests.stream();
    }

    private void addSizes(List<DynamicTest> tests, DType dtype, boolean ta, boolean tb, String flags, int[][] sizes,
            double[][] scalars) {
        for (int[] s : sizes) {
            tests.add(dynamicTest(dtype.id() + " " + flags + " m=" + s[0] + " n=" + s[1] + " k=" + s[2] + ", alpha and beta "
                    + Arrays.deepToString(scalars), () -> checkGemm(dtype, ta, tb, s[0], s[1], s[2], scalars, false,
                            1000L * s[0] + s[1] + s[2])));
        }
    }
}
