package dev.backprop.bench;

import dev.backprop.backend.Backends;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.ComposedOps;
import dev.backprop.spi.ConvolutionChecks;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;
import dev.backprop.spi.Window2d;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Where the time of one training batch of the convolution issue's CNN goes, op by op, on one backend:
 * input {@code [128, 1, 28, 28]}, conv 32 3×3 pad 1, ReLU, max-pool 2, conv 64 3×3 pad 1, ReLU,
 * max-pool 2, dense 128 ReLU, dense 10, float32. Each op is timed on its own (median of
 * {@link Timing}'s windows) with the tensors of the layer it belongs to, the convolutions both as the
 * backend's {@code conv2d} / {@code conv2dBackward} and as the SPI's composition
 * ({@link ComposedOps}) with its parts. The sum of the ops of one forward and backward pass gives a
 * bound on samples per second that leaves out the optimizer step and the loss. Prints one line per
 * op ({@code RESULT cnn-op <backend> <op> <ms>}) and a summary.
 */
public final class ConvolutionOpTimes {

    private static final int BATCH = 128;
    private static final DType TYPE = DType.FLOAT32;

    private final Backend backend;
    private final double window;
    private final List<Tensor> tensors = new ArrayList<>();
    private final Map<String, Double> millis = new LinkedHashMap<>();
    private final SplittableRandom random = new SplittableRandom(1);

    private ConvolutionOpTimes(Backend backend, double window) {
        this.backend = backend;
        this.window = window;
    }

    /**
     * Times every op on one backend.
     *
     * @param args {@code BACKEND [SECONDS_PER_WINDOW]}
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ConvolutionOpTimes BACKEND [seconds per window]");
        }
        double window = args.length > 1 ? Double.parseDouble(args[1]) : 0.2;
        new ConvolutionOpTimes(Backends.get(args[0]), window).run();
    }

    private void run() {
        Window2d same = Window2d.square(3, 1, 1);
        Window2d pool = Window2d.square(2, 2, 0);
        double composed = 0;
        double native0 = 0;
        double rest = 0;
        try {
            ConvLayer conv1 = new ConvLayer(Shape.of(BATCH, 1, 28, 28), 32, same);
            ConvLayer conv2 = new ConvLayer(Shape.of(BATCH, 32, 14, 14), 64, same);
            for (ConvLayer layer : new ConvLayer[] {conv1, conv2}) {
                String name = "conv" + (layer == conv1 ? 1 : 2);
                composed += layer.timeComposition(name, layer == conv2);
                native0 += time(name + " conv2d (backend)", () -> backend.conv2d(layer.x, layer.w, layer.b, same,
                        layer.columns, layer.last, layer.y));
                native0 += time(name + " conv2dBackward (backend)", () -> backend.conv2dBackward(layer.x, layer.w, same,
                        layer.dy, layer.columns, layer.last, layer.dw, layer.db, layer == conv2 ? layer.dx : null));
            }
            rest += activationAndPool("1", conv1.y, pool);
            rest += activationAndPool("2", conv2.y, pool);
            rest += dense("dense1", 3136, 128);
            rest += dense("dense2", 128, 10);
        } finally {
            tensors.forEach(Tensor::close);
        }
        double compositionBatch = composed + rest;
        double nativeBatch = native0 + rest;
        System.out.printf(Locale.ROOT, "%n%s, float32, batch %d: convolutions composed %.2f ms, backend conv2d %.2f ms;"
                + " everything else %.2f ms%n", backend.name(), BATCH, composed, native0, rest);
        System.out.printf(Locale.ROOT, "forward+backward per batch: %.2f ms composed (%.0f samples/s), %.2f ms with "
                + "the backend's conv2d (%.0f samples/s), optimizer and loss not included%n", compositionBatch,
                BATCH * 1000 / compositionBatch, nativeBatch, BATCH * 1000 / nativeBatch);
    }

    /** The tensors of one convolution layer and the timing of its composition. */
    private final class ConvLayer {
        final Tensor x;
        final Tensor w;
        final Tensor b;
        final Tensor columns;
        final Tensor last;
        final Tensor y;
        final Tensor dy;
        final Tensor dw;
        final Tensor db;
        final Tensor dx;
        final Tensor bias;
        final Tensor dbias;
        final Window2d window;

        ConvLayer(Shape input, int out, Window2d window) {
            this.window = window;
            Shape ws = Shape.of(out, input.dim(1), window.kernelHeight(), window.kernelWidth());
            Shape ys = window.outputShape(input, out);
            x = random(input);
            w = random(ws);
            b = random(Shape.of(out));
            columns = allocate(window.columnsShape(input));
            last = allocate(ConvolutionChecks.channelsLastShape(ys));
            y = allocate(ys);
            dy = random(ys);
            dw = allocate(ws);
            db = allocate(Shape.of(out));
            dx = allocate(input);
            bias = backend.reshape(b, Shape.matrix(1, out));
            dbias = backend.reshape(db, Shape.matrix(1, out));
        }

        /** The composed forward and backward pass and its parts; returns the composed total in ms. */
        double timeComposition(String name, boolean inputGradient) {
            double forward = time(name + " conv2d (composed)", () -> ComposedOps.conv2d(backend, x, w, b, window,
                    columns, last, y));
            time(name + "   im2col", () -> backend.im2col(x, window, columns));
            time(name + "   gemm", () -> backend.gemm(false, true, 1, columns, w, 0, last));
            time(name + "   bias add", () -> backend.binary(BinaryOp.ADD, last, bias, last));
            time(name + "   channelsFirst", () -> backend.channelsFirst(last, y));
            double backward = time(name + " conv2dBackward (composed)", () -> {
                backend.im2col(x, window, columns);
                ComposedOps.conv2dBackward(backend, x, w, window, dy, columns, last, dw, db, inputGradient ? dx : null);
            }) - millis.get(name + "   im2col");
            time(name + "   channelsLast", () -> backend.channelsLast(dy, last));
            time(name + "   sumColumns (db)", () -> backend.sumColumns(last, dbias));
            time(name + "   gemm dW", () -> backend.gemm(true, false, 1, last, columns, 0, dw));
            if (inputGradient) {
                time(name + "   gemm dx", () -> backend.gemm(false, false, 1, last, w, 0, columns));
                time(name + "   col2im", () -> backend.col2im(columns, window, dx));
            }
            return forward + backward;
        }
    }

    /** ReLU, its backward pass (mask and product) and max pooling with its backward pass, after a convolution. */
    private double activationAndPool(String layer, Tensor y, Window2d pool) {
        Shape pooled = pool.outputShape(y.shape(), y.shape().dim(1));
        Tensor a = allocate(y.shape());
        Tensor mask = allocate(y.shape());
        Tensor p = allocate(pooled);
        Tensor argmax = allocate(pooled);
        Tensor dp = random(pooled);
        Tensor da = allocate(y.shape());
        double total = time("relu" + layer, () -> backend.unary(UnaryOp.RELU, y, a));
        total += time("maxPool" + layer, () -> backend.maxPool2d(a, pool, p, argmax));
        total += time("maxPool" + layer + " backward", () -> backend.maxPool2dBackward(dp, argmax, pool, da));
        total += time("relu" + layer + " backward", () -> {
            backend.unary(UnaryOp.STEP, y, mask);
            backend.binary(BinaryOp.MUL, da, mask, da);
        });
        return total;
    }

    /** A dense layer's GEMMs, bias and ReLU forward and backward. */
    private double dense(String name, int in, int out) {
        Tensor x = random(Shape.matrix(BATCH, in));
        Tensor w = random(Shape.matrix(in, out));
        Tensor b = random(Shape.matrix(1, out));
        Tensor y = allocate(Shape.matrix(BATCH, out));
        Tensor dy = random(Shape.matrix(BATCH, out));
        Tensor dw = allocate(Shape.matrix(in, out));
        Tensor db = allocate(Shape.matrix(1, out));
        Tensor dx = allocate(Shape.matrix(BATCH, in));
        double total = time(name + " forward", () -> {
            backend.gemm(false, false, 1, x, w, 0, y);
            backend.binary(BinaryOp.ADD, y, b, y);
            backend.unary(UnaryOp.RELU, y, y);
        });
        total += time(name + " backward", () -> {
            backend.gemm(true, false, 1, x, dy, 0, dw);
            backend.sumColumns(dy, db);
            backend.gemm(false, true, 1, dy, w, 0, dx);
        });
        return total;
    }

    private double time(String what, Runnable op) {
        double ms = Timing.nanosPerOperation(op, 3 * window, window) / 1e6;
        millis.put(what, ms);
        System.out.printf(Locale.ROOT, "RESULT\tcnn-op\t%s\t%s\t%.3f%n", backend.name(), what, ms);
        return ms;
    }

    private Tensor allocate(Shape shape) {
        Tensor t = backend.allocate(TYPE, shape);
        tensors.add(t);
        return t;
    }

    private Tensor random(Shape shape) {
        double[] values = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        Tensor t = backend.fromArray(TYPE, shape, values);
        tensors.add(t);
        return t;
    }
}
