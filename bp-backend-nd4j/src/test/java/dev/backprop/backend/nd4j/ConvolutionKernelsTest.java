package dev.backprop.backend.nd4j;

import static dev.backprop.conformance.NumericAssertions.assertWithin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.conformance.reference.ConvolutionReference;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.Backend;
import dev.backprop.spi.ConvolutionChecks;
import dev.backprop.spi.DType;
import dev.backprop.spi.OpFamily;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every convolution op of the ND4J backend against {@link ConvolutionReference} on odd geometries (odd
 * sizes, rectangular kernels, overlapping windows, padding wider than half a kernel, strides longer than
 * the kernel, 1×1 kernels, batch 1, several channels) and seeded random ones, in float64 and float32.
 * The reference runs on the inputs as the backend stores them (rounded to float32 for float32), so data
 * movement (im2col, channel permutes, max pooling and its argmax) must match exactly; sums (col2im,
 * pooling averages, convolutions) are bounded by {@link Tolerances#summation} with the magnitude of
 * each element's terms, which the reference computes on the inputs' absolute values. Every op must
 * leave its inputs unchanged.
 */
class ConvolutionKernelsTest {

    private static final Backend BACKEND = new Nd4jBackendProvider().create();
    private static final Backend FUSED = new Nd4jBackend(true);
    private static final Backend COMPOSED = new Nd4jBackend(false);

    /** An input shape and a window. */
    record Case(Shape input, Window2d window, int outChannels) {
        @Override
        public String toString() {
            return input + " " + window + " -> " + outChannels;
        }
    }

    static Stream<Arguments> convolutions() {
        List<Case> cases = new ArrayList<>(List.of(
                new Case(Shape.of(3, 2, 7, 5), Window2d.square(3, 1, 1), 4),
                new Case(Shape.of(2, 3, 6, 9), new Window2d(2, 3, 1, 2, 0, 1), 5),
                new Case(Shape.of(2, 2, 9, 7), Window2d.square(3, 2, 0), 3),
                new Case(Shape.of(1, 3, 5, 6), new Window2d(3, 2, 1, 1, 2, 3), 2),
                new Case(Shape.of(2, 1, 8, 10), new Window2d(2, 2, 3, 3, 0, 0), 3),
                new Case(Shape.of(2, 4, 5, 7), Window2d.square(1, 1, 0), 3),
                new Case(Shape.of(1, 3, 7, 7), Window2d.square(1, 2, 0), 2),
                new Case(Shape.of(1, 5, 4, 4), new Window2d(4, 4, 1, 1, 0, 0), 1),
                new Case(Shape.of(2, 3, 2, 3), new Window2d(3, 2, 1, 1, 2, 1), 2),
                new Case(Shape.of(4, 1, 28, 28), Window2d.square(3, 1, 1), 8)));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 12; i++) {
            int kh = 1 + random.nextInt(4);
            int kw = 1 + random.nextInt(4);
            int ph = random.nextInt(4);
            int pw = random.nextInt(4);
            int h = Math.max(1, kh - 2 * ph) + random.nextInt(8);
            int w = Math.max(1, kw - 2 * pw) + random.nextInt(8);
            cases.add(new Case(Shape.of(1 + random.nextInt(3), 1 + random.nextInt(4), h, w),
                    new Window2d(kh, kw, 1 + random.nextInt(3), 1 + random.nextInt(3), ph, pw), 1 + random.nextInt(4)));
        }
        return withTypes(cases);
    }

    static Stream<Arguments> convolutionsOnBothPaths() {
        return convolutions().flatMap(a -> Stream.of(Arguments.of(a.get()[0], a.get()[1], Named.of("composed", COMPOSED)),
                Arguments.of(a.get()[0], a.get()[1], Named.of("fused", FUSED))));
    }

    static Stream<Arguments> poolings() {
        List<Case> cases = new ArrayList<>(List.of(
                new Case(Shape.of(3, 2, 7, 5), Window2d.square(2, 2, 0), 2),
                new Case(Shape.of(2, 3, 6, 9), new Window2d(2, 3, 1, 2, 0, 0), 3),
                new Case(Shape.of(2, 2, 9, 7), Window2d.square(3, 2, 0), 2),
                new Case(Shape.of(2, 1, 8, 10), new Window2d(2, 2, 3, 3, 0, 0), 1),
                new Case(Shape.of(1, 4, 5, 7), Window2d.square(1, 1, 0), 4),
                new Case(Shape.of(1, 3, 7, 7), Window2d.square(1, 2, 0), 3),
                new Case(Shape.of(2, 2, 4, 3), new Window2d(4, 3, 1, 1, 0, 0), 2),
                new Case(Shape.of(4, 8, 28, 28), Window2d.square(2, 2, 0), 8)));
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 12; i++) {
            int kh = 1 + random.nextInt(4);
            int kw = 1 + random.nextInt(4);
            int c = 1 + random.nextInt(4);
            cases.add(new Case(Shape.of(1 + random.nextInt(3), c, kh + random.nextInt(8), kw + random.nextInt(8)),
                    new Window2d(kh, kw, 1 + random.nextInt(4), 1 + random.nextInt(4), 0, 0), c));
        }
        return withTypes(cases);
    }

    private static Stream<Arguments> withTypes(List<Case> cases) {
        return cases.stream().flatMap(c -> Stream.of(Arguments.of(c, DType.FLOAT64), Arguments.of(c, DType.FLOAT32)));
    }

    @Test
    void theBackendOffersTheFamily() {
        assertTrue(BACKEND.families().contains(OpFamily.CONVOLUTION), () -> "families: " + BACKEND.families());
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("convolutions")
    void im2colAndCol2imMatchTheReference(Case c, DType dtype) {
        Shape columnsShape = c.window.columnsShape(c.input);
        double[] x = values(dtype, c.input.size(), 1);
        double[] columns = values(dtype, columnsShape.size(), 2);
        try (Tensor xt = BACKEND.fromArray(dtype, c.input, x);
                Tensor colt = BACKEND.allocate(dtype, columnsShape);
                Tensor columnsIn = BACKEND.fromArray(dtype, columnsShape, columns);
                Tensor dx = BACKEND.allocate(dtype, c.input)) {
            BACKEND.fill(Double.NaN, colt);
            BACKEND.im2col(xt, c.window, colt);
            assertExact("im2col " + dtype + " " + c, ConvolutionReference.im2col(x, c.input, c.window),
                    BACKEND.toArray(colt));
            BACKEND.fill(Double.NaN, dx);
            BACKEND.col2im(columnsIn, c.window, dx);
            assertSums("col2im " + dtype + " " + c, dtype, c.window.kernelArea(),
                    ConvolutionReference.col2im(columns, c.input, c.window),
                    ConvolutionReference.col2im(abs(columns), c.input, c.window), BACKEND.toArray(dx));
            assertUnchanged(x, xt);
            assertUnchanged(columns, columnsIn);
        }
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("convolutions")
    void channelPermutesMatchTheReference(Case c, DType dtype) {
        Shape last = ConvolutionChecks.channelsLastShape(c.input);
        double[] x = values(dtype, c.input.size(), 3);
        try (Tensor xt = BACKEND.fromArray(dtype, c.input, x);
                Tensor lt = BACKEND.allocate(dtype, last);
                Tensor back = BACKEND.allocate(dtype, c.input)) {
            BACKEND.channelsLast(xt, lt);
            double[] expected = ConvolutionReference.channelsLast(x, c.input);
            assertExact("channelsLast " + dtype + " " + c, expected, BACKEND.toArray(lt));
            BACKEND.channelsFirst(lt, back);
            assertExact("channelsFirst " + dtype + " " + c, ConvolutionReference.channelsFirst(expected, c.input),
                    BACKEND.toArray(back));
            assertUnchanged(x, xt);
            assertUnchanged(expected, lt);
        }
    }

    /** Both {@code conv2d} paths: the SPI's composition and libnd4j's fused ops. */
    @ParameterizedTest(name = "{1} {0} {2}")
    @MethodSource("convolutionsOnBothPaths")
    void conv2dAndItsBackwardPassMatchTheReference(Case c, DType dtype, Backend backend) {
        int o = c.outChannels;
        Shape ws = Shape.of(o, c.input.dim(1), c.window.kernelHeight(), c.window.kernelWidth());
        Shape ys = c.window.outputShape(c.input, o);
        double[] x = values(dtype, c.input.size(), 4);
        double[] w = values(dtype, ws.size(), 5);
        double[] b = values(dtype, o, 6);
        double[] dy = values(dtype, ys.size(), 7);
        int terms = c.input.dim(1) * c.window.kernelArea() + 1;
        try (Tensor xt = backend.fromArray(dtype, c.input, x);
                Tensor wt = backend.fromArray(dtype, ws, w);
                Tensor bt = backend.fromArray(dtype, Shape.of(o), b);
                Tensor dyt = backend.fromArray(dtype, ys, dy);
                Tensor columns = backend.allocate(dtype, c.window.columnsShape(c.input));
                Tensor last = backend.allocate(dtype, ConvolutionChecks.channelsLastShape(ys));
                Tensor y = backend.allocate(dtype, ys);
                Tensor dw = backend.allocate(dtype, ws);
                Tensor db = backend.allocate(dtype, Shape.of(o));
                Tensor dx = backend.allocate(dtype, c.input)) {
            backend.fill(Double.NaN, y);
            backend.conv2d(xt, wt, bt, c.window, columns, last, y);
            assertSums("conv2d " + dtype + " " + c, dtype, terms,
                    ConvolutionReference.conv2d(x, c.input, w, o, b, c.window),
                    ConvolutionReference.conv2d(abs(x), c.input, abs(w), o, abs(b), c.window), backend.toArray(y));
            double[][] expected = ConvolutionReference.conv2dBackward(x, c.input, w, o, dy, c.window);
            double[][] magnitude = ConvolutionReference.conv2dBackward(abs(x), c.input, abs(w), o, abs(dy), c.window);
            int positions = ys.dim(0) * ys.dim(2) * ys.dim(3);
            for (boolean inputGradient : new boolean[] {true, false}) {
                backend.fill(Double.NaN, dw);
                backend.fill(Double.NaN, db);
                backend.fill(Double.NaN, dx);
                backend.conv2dBackward(xt, wt, c.window, dyt, columns, last, dw, db, inputGradient ? dx : null);
                String what = "conv2dBackward" + (inputGradient ? " " : " (dx null) ") + dtype + " " + c;
                assertSums(what + " dW", dtype, positions, expected[0], magnitude[0], backend.toArray(dw));
                assertSums(what + " db", dtype, positions, expected[1], magnitude[1], backend.toArray(db));
                if (inputGradient) {
                    assertSums(what + " dx", dtype, o * c.window.kernelArea(), expected[2], magnitude[2],
                            backend.toArray(dx));
                    backend.conv2d(xt, wt, bt, c.window, columns, last, y);
                } else {
                    assertTrue(Double.isNaN(backend.toArray(dx)[0]), what + " wrote dx");
                }
            }
            assertUnchanged(x, xt);
            assertUnchanged(w, wt);
            assertUnchanged(b, bt);
            assertUnchanged(dy, dyt);
        }
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("poolings")
    void maxPoolingAndItsBackwardPassMatchTheReference(Case c, DType dtype) {
        maxPooling(c, dtype, values(dtype, c.input.size(), 8));
    }

    /** Inputs of three values only: most windows hold their maximum more than once, and the first counts. */
    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("poolings")
    void maxPoolingRecordsTheFirstOfEqualMaxima(Case c, DType dtype) {
        SplittableRandom random = new SplittableRandom(9);
        double[] x = new double[(int) c.input.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(3) - 1;
        }
        maxPooling(c, dtype, x);
    }

    @Test
    void maxPoolingPropagatesNaN() {
        Case c = new Case(Shape.of(1, 2, 4, 4), Window2d.square(2, 2, 0), 2);
        double[] x = values(DType.FLOAT64, c.input.size(), 10);
        x[5] = Double.NaN;
        x[16 + 3] = Double.NaN;
        x[16 + 2] = 100;
        maxPooling(c, DType.FLOAT64, x);
    }

    private static void maxPooling(Case c, DType dtype, double[] x) {
        Shape ys = c.window.outputShape(c.input, c.input.dim(1));
        double[] dy = values(dtype, ys.size(), 11);
        double[][] expected = ConvolutionReference.maxPool2d(x, c.input, c.window);
        try (Tensor xt = BACKEND.fromArray(dtype, c.input, x);
                Tensor y = BACKEND.allocate(dtype, ys);
                Tensor argmax = BACKEND.allocate(dtype, ys);
                Tensor dyt = BACKEND.fromArray(dtype, ys, dy);
                Tensor dx = BACKEND.allocate(dtype, c.input)) {
            BACKEND.fill(-7, y);
            BACKEND.fill(-7, argmax);
            BACKEND.maxPool2d(xt, c.window, y, argmax);
            assertExact("maxPool2d " + dtype + " " + c, expected[0], BACKEND.toArray(y));
            assertExact("maxPool2d argmax " + dtype + " " + c, expected[1], BACKEND.toArray(argmax));
            BACKEND.fill(Double.NaN, dx);
            BACKEND.maxPool2dBackward(dyt, argmax, c.window, dx);
            assertSums("maxPool2dBackward " + dtype + " " + c, dtype, c.window.kernelArea(),
                    ConvolutionReference.maxPool2dBackward(dy, expected[1], c.input, c.window),
                    ConvolutionReference.maxPool2dBackward(abs(dy), expected[1], c.input, c.window),
                    BACKEND.toArray(dx));
            assertUnchanged(x, xt);
            assertUnchanged(dy, dyt);
            assertUnchanged(expected[1], argmax);
        }
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("poolings")
    void averagePoolingAndItsBackwardPassMatchTheReference(Case c, DType dtype) {
        Shape ys = c.window.outputShape(c.input, c.input.dim(1));
        double[] x = values(dtype, c.input.size(), 12);
        double[] dy = values(dtype, ys.size(), 13);
        int area = c.window.kernelArea();
        try (Tensor xt = BACKEND.fromArray(dtype, c.input, x);
                Tensor y = BACKEND.allocate(dtype, ys);
                Tensor dyt = BACKEND.fromArray(dtype, ys, dy);
                Tensor dx = BACKEND.allocate(dtype, c.input)) {
            BACKEND.fill(Double.NaN, y);
            BACKEND.avgPool2d(xt, c.window, y);
            assertSums("avgPool2d " + dtype + " " + c, dtype, area + 1,
                    ConvolutionReference.avgPool2d(x, c.input, c.window),
                    ConvolutionReference.avgPool2d(abs(x), c.input, c.window), BACKEND.toArray(y));
            BACKEND.fill(Double.NaN, dx);
            BACKEND.avgPool2dBackward(dyt, c.window, dx);
            assertSums("avgPool2dBackward " + dtype + " " + c, dtype, area + 1,
                    ConvolutionReference.avgPool2dBackward(dy, c.input, c.window),
                    ConvolutionReference.avgPool2dBackward(abs(dy), c.input, c.window), BACKEND.toArray(dx));
            assertUnchanged(x, xt);
            assertUnchanged(dy, dyt);
        }
    }

    /** The checks run before a kernel: a wrong operand is an error that names the op and the shapes. */
    @Test
    void wrongOperandsAreRejectedWithTheOpAndTheShapes() {
        Window2d window = Window2d.square(3, 1, 1);
        try (Tensor x = BACKEND.allocate(DType.FLOAT32, Shape.of(2, 3, 5, 5));
                Tensor columns = BACKEND.allocate(DType.FLOAT32, Shape.matrix(50, 26));
                Tensor pooled = BACKEND.allocate(DType.FLOAT32, Shape.of(2, 3, 2, 2));
                Tensor doubles = BACKEND.allocate(DType.FLOAT64, Shape.of(2, 3, 2, 2))) {
            IllegalArgumentException wrongColumns = assertThrows(IllegalArgumentException.class,
                    () -> BACKEND.im2col(x, window, columns));
            assertTrue(wrongColumns.getMessage().contains("im2col") && wrongColumns.getMessage().contains("[50 x 26]"),
                    wrongColumns::getMessage);
            IllegalArgumentException padded = assertThrows(IllegalArgumentException.class,
                    () -> BACKEND.avgPool2d(x, window, pooled));
            assertTrue(padded.getMessage().contains("avgPool2d") && padded.getMessage().contains("padding"),
                    padded::getMessage);
            assertThrows(IllegalArgumentException.class,
                    () -> BACKEND.maxPool2d(x, Window2d.square(2, 2, 0), pooled, doubles));
        }
    }

    /**
     * The fused path's backward pass needs the input its forward pass kept; without a forward pass on
     * these {@code columns} (filled by {@code im2col} as the composition expects) it is the composition.
     */
    @Test
    void fusedBackwardWithoutAForwardPassIsTheComposition() {
        Case c = new Case(Shape.of(2, 3, 6, 5), new Window2d(3, 2, 2, 1, 1, 2), 4);
        Shape ws = Shape.of(4, 3, 3, 2);
        Shape ys = c.window.outputShape(c.input, 4);
        double[] x = values(DType.FLOAT64, c.input.size(), 20);
        double[] w = values(DType.FLOAT64, ws.size(), 21);
        double[] dy = values(DType.FLOAT64, ys.size(), 22);
        try (Tensor xt = FUSED.fromArray(DType.FLOAT64, c.input, x);
                Tensor wt = FUSED.fromArray(DType.FLOAT64, ws, w);
                Tensor dyt = FUSED.fromArray(DType.FLOAT64, ys, dy);
                Tensor columns = FUSED.allocate(DType.FLOAT64, c.window.columnsShape(c.input));
                Tensor last = FUSED.allocate(DType.FLOAT64, ConvolutionChecks.channelsLastShape(ys));
                Tensor dw = FUSED.allocate(DType.FLOAT64, ws);
                Tensor db = FUSED.allocate(DType.FLOAT64, Shape.of(4));
                Tensor dx = FUSED.allocate(DType.FLOAT64, c.input)) {
            FUSED.im2col(xt, c.window, columns);
            FUSED.conv2dBackward(xt, wt, c.window, dyt, columns, last, dw, db, dx);
            double[][] expected = ConvolutionReference.conv2dBackward(x, c.input, w, 4, dy, c.window);
            double[][] magnitude = ConvolutionReference.conv2dBackward(abs(x), c.input, abs(w), 4, abs(dy), c.window);
            assertSums("fused conv2dBackward without forward, dW", DType.FLOAT64, ys.dim(0) * ys.dim(2) * ys.dim(3),
                    expected[0], magnitude[0], FUSED.toArray(dw));
            assertSums("fused conv2dBackward without forward, dx", DType.FLOAT64, 24, expected[2], magnitude[2],
                    FUSED.toArray(dx));
        }
    }

    @Test
    void aFailingNativeOpNamesItselfAndLibnd4jsMessage() {
        try (Tensor columns = BACKEND.allocate(DType.FLOAT32, Shape.matrix(4, 9));
                Tensor images = BACKEND.allocate(DType.FLOAT32, Shape.of(1, 1, 3, 3))) {
            NativeOps ops = new NativeOps();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ops.run("col2im",
                    new long[] {1, 1}, new org.nd4j.linalg.api.ndarray.INDArray[] {((Nd4jTensor) columns).array},
                    new org.nd4j.linalg.api.ndarray.INDArray[] {((Nd4jTensor) images).array}));
            assertTrue(e.getMessage().contains("col2im"), e::getMessage);
        }
    }

    @Test
    void hostLoopsRejectAStridedArray() {
        try (Tensor t = BACKEND.allocate(DType.FLOAT32, Shape.matrix(3, 4))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HostElements.reading(((Nd4jTensor) t).array.transpose()));
            assertTrue(e.getMessage().contains("contiguous row-major"), e::getMessage);
        }
    }

    /** Seeded values in [-1, 1), rounded to {@code dtype}, distinct per {@code stream}. */
    private static double[] values(DType dtype, long size, int stream) {
        SplittableRandom random = new SplittableRandom(1000 + stream * 31L + size);
        double[] values = new double[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            double v = random.nextDouble(-1, 1);
            values[i] = dtype == DType.FLOAT32 ? (float) v : v;
        }
        return values;
    }

    private static double[] abs(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.abs(values[i]);
        }
        return out;
    }

    private static void assertExact(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            if (Double.compare(expected[i], actual[i]) != 0) {
                assertArrayEquals(expected, actual, what + ": first difference at [" + i + "]: expected "
                        + expected[i] + ", actual " + actual[i]);
            }
        }
    }

    /** Each element within {@link Tolerances#summation} of its expected value, for sums of {@code terms} terms. */
    private static void assertSums(String what, DType dtype, int terms, double[] expected, double[] magnitude,
            double[] actual) {
        double[] allowed = new double[expected.length];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = Tolerances.summation(dtype, terms, magnitude[i]);
        }
        assertWithin(what, expected, actual, allowed, 0);
    }

    private static void assertUnchanged(double[] before, Tensor tensor) {
        assertArrayEquals(before, BACKEND.toArray(tensor), "an input of the op changed");
    }
}
