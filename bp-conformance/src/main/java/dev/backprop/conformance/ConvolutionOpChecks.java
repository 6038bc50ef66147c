package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertWithin;
import static dev.backprop.conformance.OpHarness.random;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.conformance.OpHarness.Operand;
import dev.backprop.conformance.reference.ConvolutionReference;
import dev.backprop.init.SeededRandom;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.Backend;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.ConvolutionChecks;
import dev.backprop.spi.DType;
import dev.backprop.spi.OpFamily;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@link dev.backprop.spi.ConvolutionOps} against {@link ConvolutionReference}, the definitions
 * written as loops: data movement ({@code im2col}, the channel permutes, max pooling) exactly, sums
 * ({@code col2im}, average pooling, convolution and its gradients) within the summation bound of their
 * terms. Every op runs on every {@link #GEOMETRIES geometry} (odd sizes, rectangular kernels, windows
 * that overlap, padding wider than half a kernel and windows wholly inside the padding, strides larger
 * than the kernel, 1×1 kernels, a kernel as large as the input, a 3-wide kernel wider than its input,
 * batch 1, rows that no window reaches, and the 3×3-padding-1 and 2×2 shapes fast paths specialise) in
 * both precisions, through {@link OpHarness#run} (inputs unchanged,
 * results stable); {@code conv2d} and its backward pass also run as the composition of
 * {@link ComposedOps} on the backend's own primitives. Runs only for a backend that lists
 * {@link OpFamily#CONVOLUTION}; the kit's {@code families} check says which families it must list.
 */
public abstract class ConvolutionOpChecks {

    /** One case: input {@code [n, c, h, w]}, output channels of a convolution, the window. */
    record Geometry(int n, int c, int h, int w, int filters, Window2d window) {

        Shape input() {
            return Shape.of(n, c, h, w);
        }

        /** The window without its padding, for pooling. */
        Window2d pooling() {
            return new Window2d(window.kernelHeight(), window.kernelWidth(), window.strideHeight(),
                    window.strideWidth(), 0, 0);
        }

        boolean poolable() {
            return window.kernelHeight() <= h && window.kernelWidth() <= w;
        }

        @Override
        public String toString() {
            return input() + " → " + filters + " filters, " + window;
        }
    }

    /** The geometries every op runs on. */
    static final List<Geometry> GEOMETRIES = List.of(
            new Geometry(1, 1, 5, 5, 1, Window2d.square(3, 1, 0)),
            new Geometry(2, 3, 7, 6, 4, new Window2d(3, 2, 2, 1, 1, 0)),
            new Geometry(3, 2, 8, 9, 3, Window2d.square(2, 1, 2)),
            new Geometry(2, 2, 9, 7, 2, Window2d.square(2, 3, 0)),
            new Geometry(2, 4, 5, 5, 3, Window2d.square(1, 1, 0)),
            new Geometry(1, 3, 6, 5, 2, new Window2d(5, 3, 2, 2, 3, 2)),
            new Geometry(2, 1, 4, 11, 5, new Window2d(4, 1, 3, 2, 0, 1)),
            new Geometry(4, 8, 14, 14, 16, Window2d.square(3, 1, 1)),
            new Geometry(3, 5, 13, 10, 7, new Window2d(3, 3, 2, 2, 1, 1)),
            new Geometry(2, 3, 7, 9, 4, Window2d.square(3, 1, 1)),
            new Geometry(2, 2, 4, 5, 3, new Window2d(4, 5, 1, 1, 0, 0)),
            new Geometry(2, 2, 4, 5, 2, new Window2d(2, 3, 1, 2, 3, 2)),
            new Geometry(2, 2, 4, 2, 3, Window2d.square(3, 1, 1)),
            new Geometry(2, 3, 12, 12, 4, Window2d.square(2, 2, 0)),
            new Geometry(1, 4, 5, 7, 2, Window2d.square(1, 2, 1)));

    private final OpHarness ops;

    /** For the kit's nested class. */
    protected ConvolutionOpChecks(BackendConformance kit) {
        this.ops = new OpHarness(kit);
    }

    private Backend backend() {
        return ops.backend();
    }

    private boolean convolves() {
        return backend().families().contains(OpFamily.CONVOLUTION);
    }

    /** One test per data type and geometry, run only when the backend convolves. */
    private Stream<DynamicTest> each(String op, boolean pooling, Check check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int i = 0; i < GEOMETRIES.size(); i++) {
                Geometry g = GEOMETRIES.get(i);
                if (pooling && !g.poolable()) {
                    continue;
                }
                long seed = op.hashCode() * 31L + i;
                tests.add(dynamicTest(dtype.id() + " " + g, () -> {
                    if (convolves()) {
                        check.run(dtype, g, seed);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @FunctionalInterface
    private interface Check {
        void run(DType dtype, Geometry g, long seed);
    }

    /**
     * Distinct values {@code k/64} for a shuffled {@code k}: exact in both types, no two equal, so a
     * window's maximum is unique.
     */
    static double[] distinct(long seed, int n) {
        int[] k = new int[n];
        for (int i = 0; i < n; i++) {
            k[i] = i - n / 2;
        }
        SeededRandom random = new SeededRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) Math.floor(random.nextDouble(0, i + 1));
            int swap = k[i];
            k[i] = k[j];
            k[j] = swap;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = k[i] / 64.0;
        }
        return values;
    }

    private Tensor tensor(DType dtype, Shape shape, double[] values) {
        return backend().fromArray(dtype, shape, values);
    }

    private Tensor zeros(DType dtype, Shape shape) {
        return backend().allocate(dtype, shape);
    }

    private static double[] abs(double[] x) {
        return OpHarness.abs(x);
    }

    private static void assertExact(String what, double[] expected, double[] actual) {
        assertWithin(what + " (exact)", expected, actual, new double[expected.length], 0);
    }

    private static void assertSummation(String what, DType dtype, int terms, double[] expected, double[] magnitudes,
            double[] actual) {
        double[] allowed = new double[expected.length];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = Tolerances.summation(dtype, terms, magnitudes[i]);
        }
        assertWithin(what + " (summation bound of " + terms + " terms)", expected, actual, allowed, 0);
    }

    private static String describe(String op, DType dtype, Geometry g) {
        return op + " " + dtype.id() + " " + g;
    }

    @TestFactory
    Stream<DynamicTest> im2col() {
        Window2d window = Window2d.square(3, 1, 0);
        return Stream.concat(each("im2col", false, (dtype, g, seed) -> {
            double[] x = random(seed, (int) g.input().size(), -2, 2, dtype);
            Shape columns = g.window().columnsShape(g.input());
            try (Tensor tx = tensor(dtype, g.input(), x); Tensor tc = backend().fromArray(dtype, columns,
                    filled(columns.size(), Double.NaN))) {
                String what = describe("im2col", dtype, g);
                double[] actual = ops.runOne(what, () -> backend().im2col(tx, g.window(), tc), Operand.input(tx, x),
                        Operand.result(tc));
                assertExact(what, ConvolutionReference.im2col(x, g.input(), g.window()), actual);
            }
        }), Stream.of(error("into columns of the wrong shape", "columns must be", () -> {
            try (Tensor x = zeros(DType.FLOAT64, Shape.of(2, 3, 5, 5));
                    Tensor c = zeros(DType.FLOAT64, Shape.matrix(18, 26))) {
                backend().im2col(x, window, c);
            }
        }), error("with a kernel larger than the padded input", "exceeds the padded input", () -> {
            try (Tensor x = zeros(DType.FLOAT64, Shape.of(1, 1, 2, 2));
                    Tensor c = zeros(DType.FLOAT64, Shape.matrix(1, 9))) {
                backend().im2col(x, window, c);
            }
        })));
    }

    @TestFactory
    Stream<DynamicTest> col2im() {
        return each("col2im", false, (dtype, g, seed) -> {
            Shape columns = g.window().columnsShape(g.input());
            double[] c = random(seed, (int) columns.size(), -2, 2, dtype);
            try (Tensor tc = tensor(dtype, columns, c); Tensor dx = backend().fromArray(dtype, g.input(),
                    filled(g.input().size(), Double.NaN))) {
                String what = describe("col2im", dtype, g);
                double[] actual = ops.runOne(what, () -> backend().col2im(tc, g.window(), dx), Operand.input(tc, c),
                        Operand.result(dx));
                assertSummation(what, dtype, g.window().kernelArea(), ConvolutionReference.col2im(c, g.input(),
                        g.window()), ConvolutionReference.col2im(abs(c), g.input(), g.window()), actual);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> channelsLast() {
        return each("channelsLast", false, (dtype, g, seed) -> {
            double[] x = random(seed, (int) g.input().size(), -2, 2, dtype);
            try (Tensor tx = tensor(dtype, g.input(), x);
                    Tensor tl = zeros(dtype, ConvolutionChecks.channelsLastShape(g.input()))) {
                String what = describe("channelsLast", dtype, g);
                double[] actual = ops.runOne(what, () -> backend().channelsLast(tx, tl), Operand.input(tx, x),
                        Operand.result(tl));
                assertExact(what, ConvolutionReference.channelsLast(x, g.input()), actual);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> channelsFirst() {
        return each("channelsFirst", false, (dtype, g, seed) -> {
            Shape last = ConvolutionChecks.channelsLastShape(g.input());
            double[] x = random(seed, (int) last.size(), -2, 2, dtype);
            try (Tensor tl = tensor(dtype, last, x); Tensor out = zeros(dtype, g.input())) {
                String what = describe("channelsFirst", dtype, g);
                double[] actual = ops.runOne(what, () -> backend().channelsFirst(tl, out), Operand.input(tl, x),
                        Operand.result(out));
                assertExact(what, ConvolutionReference.channelsFirst(x, g.input()), actual);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> maxPool2d() {
        return Stream.concat(each("maxPool2d", true, (dtype, g, seed) -> {
            Window2d window = g.pooling();
            double[] x = distinct(seed, (int) g.input().size());
            Shape out = window.outputShape(g.input(), g.c());
            double[][] expected = ConvolutionReference.maxPool2d(x, g.input(), window);
            try (Tensor tx = tensor(dtype, g.input(), x); Tensor y = zeros(dtype, out);
                    Tensor argmax = zeros(dtype, out)) {
                String what = describe("maxPool2d", dtype, g);
                double[][] actual = ops.run(what, () -> backend().maxPool2d(tx, window, y, argmax),
                        Operand.input(tx, x), Operand.result(y), Operand.result(argmax));
                assertExact(what + ": y", expected[0], actual[0]);
                assertExact(what + ": argmax", expected[1], actual[1]);
            }
        }), Stream.concat(Stream.of(DType.values()).map(dtype -> dynamicTest(dtype.id() + " ties and NaN", () -> {
            if (convolves()) {
                checkTiesAndNaN(dtype);
            }
        })), Stream.of(error("on a matrix", "rank 4", () -> {
            try (Tensor x = zeros(DType.FLOAT64, Shape.matrix(4, 25));
                    Tensor y = zeros(DType.FLOAT64, Shape.of(2, 2, 1, 1));
                    Tensor argmax = zeros(DType.FLOAT64, Shape.of(2, 2, 1, 1))) {
                backend().maxPool2d(x, Window2d.square(2, 2, 0), y, argmax);
            }
        }))));
    }

    /** A tied window gives its first maximum and sends its gradient there only; a NaN wins. */
    private void checkTiesAndNaN(DType dtype) {
        Window2d window = Window2d.square(2, 2, 0);
        Shape in = Shape.of(1, 1, 2, 4);
        Shape out = Shape.of(1, 1, 1, 2);
        double[] x = {3, 3, 1, Double.NaN, 3, 3, 5, 2};
        try (Tensor tx = tensor(dtype, in, x); Tensor y = zeros(dtype, out); Tensor argmax = zeros(dtype, out);
                Tensor dy = tensor(dtype, out, new double[] {1, 1}); Tensor dx = zeros(dtype, in)) {
            backend().maxPool2d(tx, window, y, argmax);
            double[] pooled = backend().toArray(y);
            double[] at = backend().toArray(argmax);
            String what = "maxPool2d " + dtype.id() + " on [[3, 3, 1, NaN], [3, 3, 5, 2]]";
            assertTrue(pooled[0] == 3 && at[0] == 0, what + ": a tied window must give its first maximum (offset "
                    + "0), got value " + pooled[0] + " at offset " + at[0]);
            assertTrue(Double.isNaN(pooled[1]), what + ": a window holding NaN must give NaN, got " + pooled[1]);
            backend().maxPool2dBackward(dy, argmax, window, dx);
            double[] grad = backend().toArray(dx);
            assertTrue(grad[0] == 1 && grad[1] == 0 && grad[4] == 0 && grad[5] == 0, what + ": the gradient of a "
                    + "tied window goes to its first maximum only, got " + java.util.Arrays.toString(grad));
        }
    }

    @TestFactory
    Stream<DynamicTest> maxPool2dBackward() {
        return each("maxPool2dBackward", true, (dtype, g, seed) -> {
            Window2d window = g.pooling();
            Shape out = window.outputShape(g.input(), g.c());
            double[] argmaxValues = ConvolutionReference.maxPool2d(distinct(seed, (int) g.input().size()), g.input(),
                    window)[1];
            double[] dy = random(seed + 1, (int) out.size(), -2, 2, dtype);
            try (Tensor tdy = tensor(dtype, out, dy); Tensor argmax = tensor(dtype, out, argmaxValues);
                    Tensor dx = backend().fromArray(dtype, g.input(), filled(g.input().size(), Double.NaN))) {
                String what = describe("maxPool2dBackward", dtype, g);
                double[] actual = ops.runOne(what, () -> backend().maxPool2dBackward(tdy, argmax, window, dx),
                        Operand.input(tdy, dy), Operand.input(argmax, argmaxValues), Operand.result(dx));
                assertSummation(what, dtype, window.kernelArea(), ConvolutionReference.maxPool2dBackward(dy,
                        argmaxValues, g.input(), window), ConvolutionReference.maxPool2dBackward(abs(dy), argmaxValues,
                        g.input(), window), actual);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> avgPool2d() {
        return Stream.concat(each("avgPool2d", true, (dtype, g, seed) -> {
            Window2d window = g.pooling();
            double[] x = random(seed, (int) g.input().size(), -2, 2, dtype);
            Shape out = window.outputShape(g.input(), g.c());
            try (Tensor tx = tensor(dtype, g.input(), x); Tensor y = zeros(dtype, out)) {
                String what = describe("avgPool2d", dtype, g);
                double[] actual = ops.runOne(what, () -> backend().avgPool2d(tx, window, y), Operand.input(tx, x),
                        Operand.result(y));
                assertSummation(what, dtype, window.kernelArea() + 1, ConvolutionReference.avgPool2d(x, g.input(),
                        window), ConvolutionReference.avgPool2d(abs(x), g.input(), window), actual);
            }
        }), Stream.of(error("with padding", "no padding", () -> {
            try (Tensor x = zeros(DType.FLOAT64, Shape.of(2, 3, 5, 5));
                    Tensor y = zeros(DType.FLOAT64, Shape.of(2, 3, 5, 5))) {
                backend().avgPool2d(x, Window2d.square(3, 1, 1), y);
            }
        })));
    }

    @TestFactory
    Stream<DynamicTest> avgPool2dBackward() {
        return each("avgPool2dBackward", true, (dtype, g, seed) -> {
            Window2d window = g.pooling();
            Shape out = window.outputShape(g.input(), g.c());
            double[] dy = random(seed + 1, (int) out.size(), -2, 2, dtype);
            try (Tensor tdy = tensor(dtype, out, dy); Tensor dx = backend().fromArray(dtype, g.input(),
                    filled(g.input().size(), Double.NaN))) {
                String what = describe("avgPool2dBackward", dtype, g);
                double[] actual = ops.runOne(what, () -> backend().avgPool2dBackward(tdy, window, dx),
                        Operand.input(tdy, dy), Operand.result(dx));
                assertSummation(what, dtype, window.kernelArea() + 1, ConvolutionReference.avgPool2dBackward(dy,
                        g.input(), window), ConvolutionReference.avgPool2dBackward(abs(dy), g.input(), window), actual);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> conv2d() {
        Window2d window = Window2d.square(3, 1, 0);
        Shape in = Shape.of(2, 3, 5, 5);
        return Stream.concat(Stream.concat(each("conv2d", false, (dtype, g, seed) -> checkConv(dtype, g, seed, false,
                false)), each("conv2d composed", false, (dtype, g, seed) -> checkConv(dtype, g, seed, true, false))
                .map(t -> dynamicTest("composed " + t.getDisplayName(), t.getExecutable()))),
                Stream.of(error("with weights of other input channels", "weights", () -> {
                    Shape ys = window.outputShape(in, 4);
                    DType dtype = DType.FLOAT64;
                    try (Tensor x = zeros(dtype, in); Tensor w = zeros(dtype, Shape.of(4, 2, 3, 3));
                            Tensor b = zeros(dtype, Shape.of(4)); Tensor c = zeros(dtype, window.columnsShape(in));
                            Tensor l = zeros(dtype, ConvolutionChecks.channelsLastShape(ys));
                            Tensor y = zeros(dtype, ys)) {
                        backend().conv2d(x, w, b, window, c, l, y);
                    }
                }), error("with a bias of another length", "bias must be", () -> {
                    Shape ys = window.outputShape(in, 4);
                    DType dtype = DType.FLOAT64;
                    try (Tensor x = zeros(dtype, in); Tensor w = zeros(dtype, Shape.of(4, 3, 3, 3));
                            Tensor b = zeros(dtype, Shape.of(5)); Tensor c = zeros(dtype, window.columnsShape(in));
                            Tensor l = zeros(dtype, ConvolutionChecks.channelsLastShape(ys));
                            Tensor y = zeros(dtype, ys)) {
                        backend().conv2d(x, w, b, window, c, l, y);
                    }
                }), error("with one tensor as columns and channelsLast", "distinct", () -> {
                    // 4 filters of 1 channel and a 2x2 kernel: both scratch tensors are [N·OH·OW x 4]
                    Window2d square = Window2d.square(2, 1, 0);
                    Shape images = Shape.of(2, 1, 4, 4);
                    Shape ys = square.outputShape(images, 4);
                    DType dtype = DType.FLOAT64;
                    try (Tensor x = zeros(dtype, images); Tensor w = zeros(dtype, Shape.of(4, 1, 2, 2));
                            Tensor b = zeros(dtype, Shape.of(4)); Tensor c = zeros(dtype, square.columnsShape(images));
                            Tensor y = zeros(dtype, ys)) {
                        backend().conv2d(x, w, b, square, c, c, y);
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> conv2dBackward() {
        Window2d window = Window2d.square(3, 1, 0);
        Shape in = Shape.of(2, 3, 5, 5);
        Shape ys = window.outputShape(in, 4);
        DType dtype = DType.FLOAT64;
        return Stream.of(each("conv2dBackward", false, (t, g, seed) -> checkConv(t, g, seed, false, true)),
                each("conv2dBackward composed", false, (t, g, seed) -> checkConv(t, g, seed, true, true))
                        .map(t -> dynamicTest("composed " + t.getDisplayName(), t.getExecutable())),
                Stream.of(error("with an x that does not give dy", "does not match dy", () -> {
                    try (Tensor x = zeros(dtype, Shape.of(2, 3, 6, 5)); Tensor w = zeros(dtype, Shape.of(4, 3, 3, 3));
                            Tensor dy = zeros(dtype, ys); Tensor c = zeros(dtype, window.columnsShape(in));
                            Tensor l = zeros(dtype, ConvolutionChecks.channelsLastShape(ys));
                            Tensor dw = zeros(dtype, Shape.of(4, 3, 3, 3)); Tensor db = zeros(dtype, Shape.of(4))) {
                        backend().conv2dBackward(x, w, window, dy, c, l, dw, db, null);
                    }
                }), error("writing the weight gradient into the weights", "must not be one of the inputs", () -> {
                    try (Tensor x = zeros(dtype, in); Tensor w = zeros(dtype, Shape.of(4, 3, 3, 3));
                            Tensor dy = zeros(dtype, ys); Tensor c = zeros(dtype, window.columnsShape(in));
                            Tensor l = zeros(dtype, ConvolutionChecks.channelsLastShape(ys));
                            Tensor db = zeros(dtype, Shape.of(4))) {
                        backend().conv2dBackward(x, w, window, dy, c, l, w, db, null);
                    }
                }), error("writing dx into x", "must not be one of the inputs", () -> {
                    try (Tensor x = zeros(dtype, in); Tensor w = zeros(dtype, Shape.of(4, 3, 3, 3));
                            Tensor dy = zeros(dtype, ys); Tensor c = zeros(dtype, window.columnsShape(in));
                            Tensor l = zeros(dtype, ConvolutionChecks.channelsLastShape(ys));
                            Tensor dw = zeros(dtype, Shape.of(4, 3, 3, 3)); Tensor db = zeros(dtype, Shape.of(4))) {
                        backend().conv2dBackward(x, w, window, dy, c, l, dw, db, x);
                    }
                }))).flatMap(s -> s);
    }

    /**
     * {@code conv2d} against the direct sums, then (with {@code backward}) {@code conv2dBackward} with and
     * without {@code dx}; as the backend's ops or as {@link ComposedOps} on its primitives.
     */
    private void checkConv(DType dtype, Geometry g, long seed, boolean composed, boolean backward) {
        Window2d window = g.window();
        int area = window.kernelArea();
        Shape ws = Shape.of(g.filters(), g.c(), window.kernelHeight(), window.kernelWidth());
        Shape ys = window.outputShape(g.input(), g.filters());
        double[] x = random(seed, (int) g.input().size(), -2, 2, dtype);
        double[] w = random(seed + 1, (int) ws.size(), -1, 1, dtype);
        double[] b = random(seed + 2, g.filters(), -1, 1, dtype);
        double[] dy = random(seed + 3, (int) ys.size(), -2, 2, dtype);
        int positions = g.n() * ys.dim(2) * ys.dim(3);
        String kind = composed ? "conv2d composed" : "conv2d";
        Backend be = backend();
        try (Tensor tx = tensor(dtype, g.input(), x); Tensor tw = tensor(dtype, ws, w);
                Tensor tb = tensor(dtype, Shape.of(g.filters()), b); Tensor ty = zeros(dtype, ys);
                Tensor columns = zeros(dtype, window.columnsShape(g.input()));
                Tensor last = zeros(dtype, ConvolutionChecks.channelsLastShape(ys)); Tensor tdy = tensor(dtype, ys, dy);
                Tensor dw = zeros(dtype, ws); Tensor db = zeros(dtype, Shape.of(g.filters()));
                Tensor dx = backend().fromArray(dtype, g.input(), filled(g.input().size(), Double.NaN))) {
            Runnable forward = composed ? () -> ComposedOps.conv2d(be, tx, tw, tb, window, columns, last, ty)
                    : () -> be.conv2d(tx, tw, tb, window, columns, last, ty);
            if (!backward) {
                String what = describe(kind, dtype, g);
                double[] actual = ops.runOne(what, forward, Operand.input(tx, x), Operand.input(tw, w),
                        Operand.input(tb, b), Operand.scratch(columns), Operand.scratch(last), Operand.result(ty));
                assertSummation(what, dtype, g.c() * area + 1, ConvolutionReference.conv2d(x, g.input(), w,
                        g.filters(), b, window), ConvolutionReference.conv2d(abs(x), g.input(), abs(w), g.filters(),
                        abs(b), window), actual);
                return;
            }
            double[][] grads = ConvolutionReference.conv2dBackward(x, g.input(), w, g.filters(), dy, window);
            double[][] magnitudes = ConvolutionReference.conv2dBackward(abs(x), g.input(), abs(w), g.filters(),
                    abs(dy), window);
            for (boolean withDx : new boolean[] {true, false}) {
                forward.run();
                Tensor target = withDx ? dx : null;
                Runnable step = composed
                        ? () -> ComposedOps.conv2dBackward(be, tx, tw, window, tdy, columns, last, dw, db, target)
                        : () -> be.conv2dBackward(tx, tw, window, tdy, columns, last, dw, db, target);
                String what = describe(kind + " backward" + (withDx ? "" : " without dx"), dtype, g);
                double[][] result = withDx
                        ? ops.run(what, step, Operand.input(tx, x), Operand.input(tw, w), Operand.input(tdy, dy),
                                Operand.scratch(columns), Operand.scratch(last), Operand.result(dw), Operand.result(db),
                                Operand.result(dx))
                        : ops.run(what, step, Operand.input(tx, x), Operand.input(tw, w), Operand.input(tdy, dy),
                                Operand.scratch(columns), Operand.scratch(last), Operand.result(dw),
                                Operand.result(db));
                assertSummation(what + ": dW", dtype, positions, grads[0], magnitudes[0], result[0]);
                assertSummation(what + ": db", dtype, positions, grads[1], magnitudes[1], result[1]);
                if (withDx) {
                    assertSummation(what + ": dx", dtype, g.filters() * area, grads[2], magnitudes[2], result[2]);
                }
            }
        }
    }

    private DynamicTest error(String name, String fragment, Runnable call) {
        return dynamicTest(name, () -> {
            if (!convolves()) {
                return;
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run, name);
            assertTrue(e.getMessage() != null && e.getMessage().contains(fragment),
                    name + ": the message should contain '" + fragment + "', got: " + e.getMessage());
        });
    }

    private static double[] filled(long n, double value) {
        double[] values = new double[(int) n];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
