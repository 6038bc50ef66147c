package dev.backprop.bench;

import dev.backprop.backend.Backends;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
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
import java.util.regex.Pattern;

/**
 * Where a training step of the convolutional network of W4 spends its time: every SPI op of one batch
 * (conv 32 3×3 pad 1, ReLU, max-pool 2, conv 64 3×3 pad 1, ReLU, max-pool 2, dense 3136→128, ReLU,
 * dense 128→10; forward and backward, input {@code [128, 1, 28, 28]}), each timed on its own as the
 * median of {@link Timing}'s windows, in milliseconds per batch, grouped by kind (im2col, GEMM, col2im,
 * permutes, pooling, element-wise). The sum is a step without the loss and the optimizer (both small
 * here), so {@code 128 / sum} bounds the samples/s a layer built on these ops can reach. The convolutions
 * are the SPI's composition ({@code conv2d}, {@code conv2dBackward}) taken apart; their total is timed
 * as well, which shows what the composition's sequencing costs or saves.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp "bp-bench/target/classes:$(cat
 * bp-bench/target/classpath.txt)" dev.backprop.bench.CnnOpTimes BACKEND[,BACKEND...] [float32|float64]
 * [SECONDS_PER_WINDOW] [OP_REGEX]}, the regex selecting the ops to time by name; one line per op,
 * {@code RESULT <op> <backend> ms/batch <value>}, tab-separated.
 */
public final class CnnOpTimes {

    private static final int BATCH = 128;

    private final int batch;
    private final Backend ops;
    private final DType dtype;
    private final SplittableRandom random = new SplittableRandom(7);
    private final Map<String, Runnable> timed = new LinkedHashMap<>();
    private final Map<String, String> kinds = new LinkedHashMap<>();

    private final List<Conv> convolutions = new ArrayList<>();

    /** The network's tensors and ops for {@code batch} images on {@code ops}; every op has run once. */
    CnnOpTimes(Backend ops, DType dtype, int batch) {
        this.batch = batch;
        this.ops = ops;
        this.dtype = dtype;
        Window2d same3 = Window2d.square(3, 1, 1);
        Window2d pool2 = Window2d.square(2, 2, 0);
        Tensor x = random(Shape.of(batch, 1, 28, 28));
        Conv conv1 = new Conv("conv1", x, 32, same3);
        Tensor relu1 = like(conv1.y);
        Pool pool1 = new Pool("pool1", relu1, pool2);
        Conv conv2 = new Conv("conv2", pool1.y, 64, same3);
        Tensor relu2 = like(conv2.y);
        Pool pool2Layer = new Pool("pool2", relu2, pool2);
        Tensor flat = ops.reshape(pool2Layer.y, Shape.matrix(batch, 64 * 7 * 7));
        Dense dense1 = new Dense("dense1", flat, 128);
        Tensor relu3 = like(dense1.y);
        Dense dense2 = new Dense("dense2", relu3, 10);

        conv1.forward();
        op("forward relu1", "element-wise", () -> ops.unary(UnaryOp.RELU, conv1.y, relu1));
        pool1.forward();
        conv2.forward();
        op("forward relu2", "element-wise", () -> ops.unary(UnaryOp.RELU, conv2.y, relu2));
        pool2Layer.forward();
        dense1.forward();
        op("forward relu3", "element-wise", () -> ops.unary(UnaryOp.RELU, dense1.y, relu3));
        dense2.forward();

        Tensor dLogits = random(dense2.y.shape());
        dense2.backward(dLogits, like(relu3));
        Tensor dRelu3 = random(relu3.shape());
        relu("relu3", dense1.y, dRelu3);
        dense1.backward(dRelu3, like(flat));
        Tensor dPool2 = random(pool2Layer.y.shape());
        Tensor dRelu2 = like(relu2);
        pool2Layer.backward(dPool2, dRelu2);
        relu("relu2", conv2.y, dRelu2);
        Tensor dPool1Out = like(pool1.y);
        conv2.backward(dRelu2, dPool1Out);
        Tensor dRelu1 = like(relu1);
        pool1.backward(dPool1Out, dRelu1);
        relu("relu1", conv1.y, dRelu1);
        conv1.backward(dRelu1, null);
    }

    /**
     * Times the ops on each backend.
     *
     * @param args {@code BACKEND[,BACKEND...] [float32|float64] [SECONDS_PER_WINDOW] [OP_REGEX]}
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException(
                    "usage: CnnOpTimes BACKEND[,BACKEND...] [float32|float64] [seconds per window] [op regex]");
        }
        DType dtype = args.length > 1 ? DType.parse(args[1]) : DType.FLOAT32;
        double window = args.length > 2 ? Double.parseDouble(args[2]) : 0.3;
        Pattern only = Pattern.compile(args.length > 3 ? args[3] : ".*");
        for (String name : args[0].split(",")) {
            new CnnOpTimes(Backends.get(name), dtype, BATCH).run(window, only);
        }
    }

    private void run(double window, Pattern only) {
        Map<String, Double> byKind = new LinkedHashMap<>();
        double step = 0;
        for (Map.Entry<String, Runnable> e : timed.entrySet()) {
            if (!only.matcher(e.getKey()).find()) {
                continue;
            }
            double ms = Timing.nanosPerOperation(e.getValue(), 3 * window, window) / 1e6;
            String kind = kinds.get(e.getKey());
            report(e.getKey() + " [" + kind + "]", ms);
            if (!kind.startsWith("composed")) {
                byKind.merge(kind, ms, Double::sum);
                step += ms;
            }
        }
        for (Map.Entry<String, Double> e : byKind.entrySet()) {
            report("total " + e.getKey(), e.getValue());
        }
        report("total step (sum of the ops)", step);
        System.out.printf(Locale.ROOT, "RESULT\tW4 op bound %s\t%s\tsamples/s\t%.0f%n", dtype.id(), ops.name(),
                batch / (step / 1e3));
    }

    /**
     * The largest difference, relative to the largest magnitude, between each convolution's output as
     * {@code conv2d} computes it and as the timed ops compute it one by one: near 0 when the ops taken
     * apart are the convolution's.
     */
    double worstDecompositionError() {
        double worst = 0;
        for (Conv conv : convolutions) {
            timed.get("forward " + conv.name + " conv2d (composed, total)").run();
            double[] composed = ops.toArray(conv.y);
            for (String step : new String[] {"im2col", "gemm", "bias", "channelsFirst"}) {
                timed.get("forward " + conv.name + " " + step).run();
            }
            double[] steps = ops.toArray(conv.y);
            double scale = 0;
            double error = 0;
            for (int i = 0; i < composed.length; i++) {
                scale = Math.max(scale, Math.abs(composed[i]));
                error = Math.max(error, Math.abs(composed[i] - steps[i]));
            }
            worst = Math.max(worst, error / scale);
        }
        return worst;
    }

    private void report(String op, double ms) {
        System.out.printf(Locale.ROOT, "RESULT\tW4 %s %s\t%s\tms/batch\t%.3f%n", dtype.id(), op, ops.name(), ms);
        System.out.flush();
    }

    private void op(String name, String kind, Runnable body) {
        body.run();
        timed.put(name, body);
        kinds.put(name, kind);
    }

    /** ReLU's backward pass as the activation layer runs it: the fused leaky-ReLU backward with slope 0. */
    private void relu(String name, Tensor z, Tensor dy) {
        Tensor dz = like(z);
        op("backward " + name, "element-wise", () -> ops.leakyReluBackward(z, 0, dy, dz));
    }

    private Tensor random(Shape shape) {
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return ops.fromArray(dtype, shape, v);
    }

    private Tensor like(Tensor t) {
        return ops.allocate(dtype, t.shape());
    }

    private Tensor row(Tensor vector) {
        return ops.reshape(vector, Shape.matrix(1, vector.rows()));
    }

    /** A convolution with bias, as the SPI's composition runs it, op by op. */
    private final class Conv {
        final String name;
        final Tensor x;
        final Window2d window;
        final Tensor weights;
        final Tensor bias;
        final Tensor columns;
        final Tensor last;
        final Tensor y;
        final Tensor dWeights;
        final Tensor dBias;

        Conv(String name, Tensor x, int out, Window2d window) {
            this.name = name;
            this.x = x;
            this.window = window;
            Shape xs = x.shape();
            weights = random(Shape.of(out, xs.dim(1), window.kernelHeight(), window.kernelWidth()));
            bias = random(Shape.of(out));
            columns = ops.allocate(dtype, window.columnsShape(xs));
            y = ops.allocate(dtype, window.outputShape(xs, out));
            last = ops.allocate(dtype, ConvolutionChecks.channelsLastShape(y.shape()));
            dWeights = like(weights);
            dBias = like(bias);
            convolutions.add(this);
        }

        void forward() {
            op("forward " + name + " conv2d (composed, total)", "composed",
                    () -> ops.conv2d(x, weights, bias, window, columns, last, y));
            op("forward " + name + " im2col", "im2col", () -> ops.im2col(x, window, columns));
            op("forward " + name + " gemm", "gemm", () -> ops.gemm(false, true, 1, columns, weights, 0, last));
            op("forward " + name + " bias", "element-wise", () -> ops.binary(BinaryOp.ADD, last, row(bias), last));
            op("forward " + name + " channelsFirst", "permute", () -> ops.channelsFirst(last, y));
        }

        void backward(Tensor dy, Tensor dx) {
            op("backward " + name + " conv2dBackward (composed, total)", "composed",
                    () -> ops.conv2dBackward(x, weights, window, dy, columns, last, dWeights, dBias, dx));
            ops.im2col(x, window, columns);
            op("backward " + name + " channelsLast", "permute", () -> ops.channelsLast(dy, last));
            op("backward " + name + " bias gradient", "element-wise", () -> ops.sumColumns(last, row(dBias)));
            op("backward " + name + " gemm dW", "gemm", () -> ops.gemm(true, false, 1, last, columns, 0, dWeights));
            if (dx != null) {
                Tensor dColumns = like(columns);
                op("backward " + name + " gemm dcolumns", "gemm",
                        () -> ops.gemm(false, false, 1, last, weights, 0, dColumns));
                op("backward " + name + " col2im", "col2im", () -> ops.col2im(dColumns, window, dx));
            }
        }
    }

    /** Max pooling. */
    private final class Pool {
        final String name;
        final Tensor x;
        final Window2d window;
        final Tensor y;
        final Tensor argmax;

        Pool(String name, Tensor x, Window2d window) {
            this.name = name;
            this.x = x;
            this.window = window;
            y = ops.allocate(dtype, window.outputShape(x.shape(), x.shape().dim(1)));
            argmax = like(y);
        }

        void forward() {
            op("forward " + name + " maxPool2d", "pooling", () -> ops.maxPool2d(x, window, y, argmax));
        }

        void backward(Tensor dy, Tensor dx) {
            op("backward " + name + " maxPool2dBackward", "pooling",
                    () -> ops.maxPool2dBackward(dy, argmax, window, dx));
        }
    }

    /** A dense layer {@code y = x Wᵀ + b} (weights {@code [out, in]}, as PyTorch's Linear). */
    private final class Dense {
        final String name;
        final Tensor x;
        final Tensor weights;
        final Tensor bias;
        final Tensor y;
        final Tensor dWeights;
        final Tensor dBias;

        Dense(String name, Tensor x, int out) {
            this.name = name;
            this.x = x;
            weights = random(Shape.matrix(out, x.cols()));
            bias = random(Shape.of(out));
            y = ops.allocate(dtype, Shape.matrix(x.rows(), out));
            dWeights = like(weights);
            dBias = like(bias);
        }

        void forward() {
            op("forward " + name + " gemm", "gemm", () -> ops.gemm(false, true, 1, x, weights, 0, y));
            op("forward " + name + " bias", "element-wise", () -> ops.binary(BinaryOp.ADD, y, row(bias), y));
        }

        void backward(Tensor dy, Tensor dx) {
            op("backward " + name + " gemm dW", "gemm", () -> ops.gemm(true, false, 1, dy, x, 0, dWeights));
            op("backward " + name + " bias gradient", "element-wise", () -> ops.sumColumns(dy, row(dBias)));
            op("backward " + name + " gemm dx", "gemm", () -> ops.gemm(false, false, 1, dy, weights, 0, dx));
        }
    }
}
