package dev.backprop.backend.pure.gemm;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every micro-kernel this JVM can run (the scalar one always, the Vector API one when the module is
 * enabled), through the packed path for every size (small-product threshold 0) and with the
 * production thresholds: shapes that fill tiles exactly and leave partial tiles, depth and row and
 * column blocks beyond one packed block, products large enough to be split across cores, every
 * transpose, and several alpha/beta pairs, against a float64 triple loop with the summation bound
 * of {@link Tolerances#summation}.
 */
class GemmTest {

    /** {m, n, k}: tiles exact and partial, k beyond KC, m beyond MC, n beyond NC, split across cores. */
    private static final int[][] SHAPES = {{1, 1, 1}, {4, 48, 1}, {4, 4, 2}, {5, 49, 3}, {3, 7, 129}, {97, 50, 300},
        {200, 30, 17}, {7, 1600, 9}, {130, 300, 260}, {300, 130, 260}};
    private static final double[][] SCALARS = {{1, 0}, {-0.5, 2.5}, {1, 1}};
    /** Multiply-adds above which a shape runs once per transpose (with alpha -0.5, beta 2.5), to keep the test quick. */
    private static final long LARGE_WORK = 1L << 20;

    @TestFactory
    Stream<DynamicTest> everyKernelMatchesTheTripleLoop() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kernel : kernels()) {
            for (DType dtype : DType.values()) {
                for (int[] s : SHAPES) {
                    boolean large = (long) s[0] * s[1] * s[2] > LARGE_WORK;
                    for (long smallWork : large ? new long[] {Float64PackedGemm.SMALL_WORK}
                            : new long[] {0, Float64PackedGemm.SMALL_WORK}) {
                        for (int flags = 0; flags < 4; flags++) {
                            boolean ta = (flags & 1) != 0;
                            boolean tb = (flags & 2) != 0;
                            String name = String.format(Locale.ROOT, "%s small<%d %s %s%s m=%d n=%d k=%d", kernel,
                                    smallWork, dtype.id(), ta ? "aT" : "a", tb ? "bT" : "b", s[0], s[1], s[2]);
                            for (double[] ab : large ? new double[][] {SCALARS[1]} : SCALARS) {
                                tests.add(dynamicTest(name + " alpha=" + ab[0] + " beta=" + ab[1], () -> check(kernel,
                                        smallWork, dtype, ta, tb, s[0], s[1], s[2], ab[0], ab[1], false)));
                            }
                            if (!large) {
                                tests.add(dynamicTest(name + " beta 0 ignores NaN in c", () -> check(kernel, smallWork,
                                        dtype, ta, tb, s[0], s[1], s[2], 1.5, 0, true)));
                            }
                        }
                    }
                }
            }
        }
        return tests.stream();
    }

    private static List<String> kernels() {
        List<String> kernels = new ArrayList<>(List.of("Scalar"));
        if (GemmProvider.vector().isPresent()) {
            kernels.add("Vector");
        }
        return kernels;
    }

    private static void check(String kernel, long smallWork, DType dtype, boolean ta, boolean tb, int m, int n, int k,
            double alpha, double beta, boolean nanInC) throws ReflectiveOperationException {
        SplittableRandom random = new SplittableRandom(31L * m + 7L * n + k);
        double[] a = values(random, m * k, dtype);
        double[] b = values(random, k * n, dtype);
        double[] c = values(random, m * n, dtype);
        if (nanInC) {
            Arrays.fill(c, Double.NaN);
        }
        double[] actual;
        if (dtype == DType.FLOAT64) {
            actual = c.clone();
            new Float64PackedGemm((Float64MicroKernel) micro(kernel, "Float64"), smallWork)
                    .gemm(ta, tb, m, n, k, alpha, a, b, beta, actual);
        } else {
            float[] out = toFloat(c);
            new Float32PackedGemm((Float32MicroKernel) micro(kernel, "Float32"), smallWork)
                    .gemm(ta, tb, m, n, k, alpha, toFloat(a), toFloat(b), beta, out);
            actual = new double[out.length];
            for (int i = 0; i < out.length; i++) {
                actual[i] = out[i];
            }
        }
        int worst = -1;
        double worstRatio = 0;
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double term = a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
                    sum += term;
                    magnitude += Math.abs(term);
                }
                double old = beta == 0 ? 0 : beta * c[i * n + j];
                expected[i * n + j] = alpha * sum + old;
                double allowed = Tolerances.summation(dtype, k + 1, Math.abs(alpha) * magnitude + Math.abs(old));
                double ratio = Math.abs(actual[i * n + j] - expected[i * n + j]) / allowed;
                if (!(ratio <= worstRatio)) {
                    worstRatio = ratio;
                    worst = i * n + j;
                }
            }
        }
        if (worst >= 0 && !(worstRatio <= 1)) {
            fail(String.format(Locale.ROOT, "worst element (%d, %d): expected %s, got %s, %.3g times the allowed error",
                    worst / n, worst % n, expected[worst], actual[worst], worstRatio));
        }
    }

    private static Object micro(String kernel, String precision) throws ReflectiveOperationException {
        return Class.forName(GemmTest.class.getPackageName() + "." + precision + kernel + "MicroKernel")
                .getDeclaredConstructor().newInstance();
    }

    /** Values in [-2, 2), exactly representable in the precision under test. */
    private static double[] values(SplittableRandom random, int length, DType dtype) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            double v = random.nextDouble(-2, 2);
            x[i] = dtype == DType.FLOAT64 ? v : (float) v;
        }
        return x;
    }

    private static float[] toFloat(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
