package dev.backprop.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.conformance.NumericAssertions;
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
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every convolution op of this backend against {@link ConvolutionReference} on seeded random inputs over
 * odd geometries, in both precisions: data movement (im2col, the channel permutes, max pooling and its
 * argmax) exactly, sums (col2im, average pooling, the pooling backward passes, conv2d and its gradients)
 * within {@link Tolerances#summation} of the reference's magnitudes. Every output starts as NaN, so an op
 * that accumulates into it or skips an element fails; every input is compared with its copy afterwards.
 * Float32 inputs are float32 numbers, so the float64 reference sees the very same inputs.
 */
class ConvolutionKernelsTest {

    private static final Backend BACKEND = new EjmlBackendProvider().create();

    /** An input {@code [N, C, H, W]}, a window, and the output channels of a convolution over it. */
    record Case(Shape input, Window2d window, int outChannels) {
        @Override
        public String toString() {
            return input + ", " + window + ", " + outChannels + " filters";
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case(Shape.of(2, 3, 7, 9), Window2d.square(3, 1, 1), 4),
                new Case(Shape.of(1, 2, 8, 5), new Window2d(2, 3, 1, 1, 0, 0), 3),
                new Case(Shape.of(3, 2, 9, 7), new Window2d(3, 2, 2, 1, 0, 0), 2),
                new Case(Shape.of(2, 1, 5, 6), Window2d.square(3, 1, 2), 3),
                new Case(Shape.of(2, 2, 4, 5), new Window2d(2, 3, 1, 2, 3, 2), 2),
                new Case(Shape.of(2, 3, 11, 10), new Window2d(2, 2, 3, 3, 1, 1), 5),
                new Case(Shape.of(2, 5, 4, 3), Window2d.square(1, 1, 0), 3),
                new Case(Shape.of(1, 4, 5, 7), Window2d.square(1, 2, 1), 2),
                new Case(Shape.of(2, 2, 4, 5), new Window2d(4, 5, 1, 1, 0, 0), 3),
                new Case(Shape.of(3, 4, 13, 12), Window2d.square(3, 2, 1), 6),
                new Case(Shape.of(2, 3, 12, 12), Window2d.square(2, 2, 0), 4),
                new Case(Shape.of(2, 2, 4, 2), Window2d.square(3, 1, 1), 3));
    }

    static Stream<Arguments> casesInBothTypes() {
        List<Arguments> all = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (Case c : cases()) {
                all.add(Arguments.of(dtype, c));
            }
        }
        return all.stream();
    }

    @Test
    void theBackendOffersTheConvolutionFamily() {
        assertTrue(BACKEND.families().contains(OpFamily.CONVOLUTION), BACKEND.families().toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesInBothTypes")
    void im2colAndCol2im(DType dtype, Case c) {
        Random random = new Random(11);
        Shape columnsShape = c.window().columnsShape(c.input());
        double[] x = values(random, c.input(), dtype);
        Tensor xt = BACKEND.fromArray(dtype, c.input(), x);
        Tensor columns = nan(dtype, columnsShape);
        BACKEND.im2col(xt, c.window(), columns);
        assertArrayEquals(ConvolutionReference.im2col(x, c.input(), c.window()), BACKEND.toArray(columns),
                "im2col " + dtype + " " + c);
        assertUnchanged("im2col", x, xt);

        double[] g = values(random, columnsShape, dtype);
        Tensor gt = BACKEND.fromArray(dtype, columnsShape, g);
        Tensor dx = nan(dtype, c.input());
        BACKEND.col2im(gt, c.window(), dx);
        int terms = c.window().kernelArea();
        assertSum("col2im " + dtype + " " + c, dtype, terms, ConvolutionReference.col2im(g, c.input(), c.window()),
                ConvolutionReference.col2im(abs(g), c.input(), c.window()), BACKEND.toArray(dx));
        assertUnchanged("col2im", g, gt);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesInBothTypes")
    void channelPermutes(DType dtype, Case c) {
        double[] x = values(new Random(12), c.input(), dtype);
        Tensor xt = BACKEND.fromArray(dtype, c.input(), x);
        Shape lastShape = ConvolutionChecks.channelsLastShape(c.input());
        Tensor last = nan(dtype, lastShape);
        BACKEND.channelsLast(xt, last);
        double[] expected = ConvolutionReference.channelsLast(x, c.input());
        assertArrayEquals(expected, BACKEND.toArray(last), "channelsLast " + dtype + " " + c);
        assertUnchanged("channelsLast", x, xt);

        Tensor first = nan(dtype, c.input());
        BACKEND.channelsFirst(last, first);
        assertArrayEquals(ConvolutionReference.channelsFirst(expected, c.input()), BACKEND.toArray(first),
                "channelsFirst " + dtype + " " + c);
        assertArrayEquals(x, BACKEND.toArray(first), "channelsFirst ∘ channelsLast " + dtype + " " + c);
        assertUnchanged("channelsFirst", expected, last);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesInBothTypes")
    void maxPooling(DType dtype, Case c) {
        Window2d window = unpadded(c.window(), c.input());
        Random random = new Random(13);
        // Continuous values, then few distinct ones (ties: the first maximum wins), then NaNs (NaN wins).
        List<UnaryOperator<double[]>> inputs = List.of(v -> v, v -> ties(v), v -> withNaNs(v, random));
        for (UnaryOperator<double[]> kind : inputs) {
            double[] x = kind.apply(values(random, c.input(), dtype));
            String what = " " + dtype + " " + c.input() + ", " + window;
            Tensor xt = BACKEND.fromArray(dtype, c.input(), x);
            Shape outShape = window.outputShape(c.input(), c.input().dim(1));
            Tensor y = nan(dtype, outShape);
            Tensor argmax = nan(dtype, outShape);
            BACKEND.maxPool2d(xt, window, y, argmax);
            double[][] expected = ConvolutionReference.maxPool2d(x, c.input(), window);
            assertArrayEquals(expected[0], BACKEND.toArray(y), "maxPool2d y" + what);
            assertArrayEquals(expected[1], BACKEND.toArray(argmax), "maxPool2d argmax" + what);
            assertUnchanged("maxPool2d", x, xt);

            double[] dy = values(random, outShape, dtype);
            Tensor dyt = BACKEND.fromArray(dtype, outShape, dy);
            Tensor dx = nan(dtype, c.input());
            BACKEND.maxPool2dBackward(dyt, argmax, window, dx);
            assertSum("maxPool2dBackward" + what, dtype, window.kernelArea(),
                    ConvolutionReference.maxPool2dBackward(dy, expected[1], c.input(), window),
                    ConvolutionReference.maxPool2dBackward(abs(dy), expected[1], c.input(), window),
                    BACKEND.toArray(dx));
            assertUnchanged("maxPool2dBackward dy", dy, dyt);
            assertUnchanged("maxPool2dBackward argmax", expected[1], argmax);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesInBothTypes")
    void averagePooling(DType dtype, Case c) {
        Window2d window = unpadded(c.window(), c.input());
        Random random = new Random(14);
        String what = " " + dtype + " " + c.input() + ", " + window;
        double[] x = values(random, c.input(), dtype);
        Tensor xt = BACKEND.fromArray(dtype, c.input(), x);
        Shape outShape = window.outputShape(c.input(), c.input().dim(1));
        Tensor y = nan(dtype, outShape);
        BACKEND.avgPool2d(xt, window, y);
        int terms = window.kernelArea() + 1;
        assertSum("avgPool2d" + what, dtype, terms, ConvolutionReference.avgPool2d(x, c.input(), window),
                ConvolutionReference.avgPool2d(abs(x), c.input(), window), BACKEND.toArray(y));
        assertUnchanged("avgPool2d", x, xt);

        double[] dy = values(random, outShape, dtype);
        Tensor dyt = BACKEND.fromArray(dtype, outShape, dy);
        Tensor dx = nan(dtype, c.input());
        BACKEND.avgPool2dBackward(dyt, window, dx);
        assertSum("avgPool2dBackward" + what, dtype, terms,
                ConvolutionReference.avgPool2dBackward(dy, c.input(), window),
                ConvolutionReference.avgPool2dBackward(abs(dy), c.input(), window), BACKEND.toArray(dx));
        assertUnchanged("avgPool2dBackward", dy, dyt);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesInBothTypes")
    void convolutionAndItsGradients(DType dtype, Case c) {
        Random random = new Random(15);
        String what = " " + dtype + " " + c;
        Window2d window = c.window();
        int o = c.outChannels();
        Shape ws = Shape.of(o, c.input().dim(1), window.kernelHeight(), window.kernelWidth());
        Shape ys = window.outputShape(c.input(), o);
        double[] x = values(random, c.input(), dtype);
        double[] w = values(random, ws, dtype);
        double[] b = values(random, Shape.of(o), dtype);
        Tensor xt = BACKEND.fromArray(dtype, c.input(), x);
        Tensor wt = BACKEND.fromArray(dtype, ws, w);
        Tensor bt = BACKEND.fromArray(dtype, Shape.of(o), b);
        Tensor columns = nan(dtype, window.columnsShape(c.input()));
        Tensor last = nan(dtype, ConvolutionChecks.channelsLastShape(ys));
        Tensor y = nan(dtype, ys);
        BACKEND.conv2d(xt, wt, bt, window, columns, last, y);
        int forwardTerms = c.input().dim(1) * window.kernelArea() + 1;
        assertSum("conv2d" + what, dtype, forwardTerms, ConvolutionReference.conv2d(x, c.input(), w, o, b, window),
                ConvolutionReference.conv2d(abs(x), c.input(), abs(w), o, abs(b), window), BACKEND.toArray(y));
        assertUnchanged("conv2d x", x, xt);
        assertUnchanged("conv2d weights", w, wt);
        assertUnchanged("conv2d bias", b, bt);

        double[] dy = values(random, ys, dtype);
        Tensor dyt = BACKEND.fromArray(dtype, ys, dy);
        double[][] expected = ConvolutionReference.conv2dBackward(x, c.input(), w, o, dy, window);
        double[][] magnitude = ConvolutionReference.conv2dBackward(abs(x), c.input(), abs(w), o, abs(dy), window);
        int backwardTerms = Math.max(ys.dim(0) * ys.dim(2) * ys.dim(3), o * window.kernelArea());
        for (boolean withDx : new boolean[] {true, false}) {
            BACKEND.conv2d(xt, wt, bt, window, columns, last, y);
            Tensor dW = nan(dtype, ws);
            Tensor db = nan(dtype, Shape.of(o));
            Tensor dx = withDx ? nan(dtype, c.input()) : null;
            BACKEND.conv2dBackward(wt, window, dyt, columns, last, dW, db, dx);
            String pass = withDx ? what : what + ", dx null";
            assertSum("conv2dBackward dW" + pass, dtype, backwardTerms, expected[0], magnitude[0], BACKEND.toArray(dW));
            assertSum("conv2dBackward db" + pass, dtype, backwardTerms, expected[1], magnitude[1], BACKEND.toArray(db));
            if (withDx) {
                assertSum("conv2dBackward dx" + pass, dtype, backwardTerms, expected[2], magnitude[2],
                        BACKEND.toArray(dx));
            }
            assertUnchanged("conv2dBackward weights", w, wt);
            assertUnchanged("conv2dBackward dy", dy, dyt);
        }
    }

    /** Uniform values in [-1, 1), rounded to the type, so the float64 reference reads what the backend holds. */
    private static double[] values(Random random, Shape shape, DType dtype) {
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            double value = 2 * random.nextDouble() - 1;
            v[i] = dtype == DType.FLOAT32 ? (float) value : value;
        }
        return v;
    }

    /** Values from {-1, -0.5, 0, 0.5}: windows with several equal maxima. */
    private static double[] ties(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.floor(v[i] * 2) / 2;
        }
        return out;
    }

    private static double[] withNaNs(double[] v, Random random) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i += 1 + random.nextInt(7)) {
            out[i] = Double.NaN;
        }
        return out;
    }

    private static double[] abs(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }

    /** The case's window without padding, for pooling, its kernel cut to the input where it is larger. */
    private static Window2d unpadded(Window2d w, Shape input) {
        return new Window2d(Math.min(w.kernelHeight(), input.dim(2)), Math.min(w.kernelWidth(), input.dim(3)),
                w.strideHeight(), w.strideWidth(), 0, 0);
    }

    private static Tensor nan(DType dtype, Shape shape) {
        Tensor t = BACKEND.allocate(dtype, shape);
        BACKEND.fill(Double.NaN, t);
        return t;
    }

    private static void assertUnchanged(String op, double[] before, Tensor input) {
        assertArrayEquals(before, BACKEND.toArray(input), op + " modified its input");
    }

    /** Each element within the error bound of a sum of {@code terms} terms of the given absolute sum. */
    private static void assertSum(String what, DType dtype, int terms, double[] expected, double[] magnitude,
            double[] actual) {
        assertEquals(expected.length, actual.length, what);
        double[] allowed = new double[expected.length];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = Tolerances.summation(dtype, terms, magnitude[i]);
        }
        NumericAssertions.assertWithin(what, expected, actual, allowed, 0);
    }
}
