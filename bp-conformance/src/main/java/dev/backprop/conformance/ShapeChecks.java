package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.conformance.reference.Reference;
import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Layer;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Adam;
import dev.backprop.optim.Optimizer;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingHistory;
import dev.backprop.init.SeededRandom;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.Broadcast;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Tensors of rank 1 to 4: allocation, {@code reshape} as a view of the same storage, the ops that
 * predate shapes on the matrix view of rank-3 and rank-4 tensors, and the per-channel broadcast of a
 * convolution's bias, in both precisions, against {@link Reference}.
 */
public abstract class ShapeChecks {

    /** Odd sizes, batch 1, one channel, a 1×1 image, and MNIST's {@code [N, 1, 28, 28]}. */
    private static final Shape[] SHAPES = {Shape.of(7), Shape.of(2, 3, 5), Shape.of(2, 3, 5, 7),
        Shape.of(1, 4, 3, 3), Shape.of(3, 1, 2, 2), Shape.of(2, 5, 1, 1), Shape.of(4, 1, 28, 28)};

    private final BackendConformance kit;

    /** For the kit's nested class. */
    protected ShapeChecks(BackendConformance kit) {
        this.kit = kit;
    }

    private Backend backend() {
        return kit.backend();
    }

    private static double[] random(long seed, long n, DType dtype) {
        SeededRandom random = new SeededRandom(seed);
        double[] values = new double[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = dtype.round(random.nextDouble(-3, 3));
        }
        return values;
    }

    private static Stream<DynamicTest> perTypeAndShape(ShapedCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (Shape shape : SHAPES) {
                tests.add(dynamicTest(dtype.id() + " " + shape, () -> check.run(dtype, shape,
                        shape.hashCode() * 31L + dtype.ordinal())));
            }
        }
        return tests.stream();
    }

    @FunctionalInterface
    private interface ShapedCheck {
        void run(DType dtype, Shape shape, long seed);
    }

    @TestFactory
    @DisplayName("allocate: every rank, zero-filled, with its matrix view")
    Stream<DynamicTest> allocateShaped() {
        return perTypeAndShape((dtype, shape, seed) -> {
            try (Tensor t = backend().allocate(dtype, shape)) {
                assertEquals(shape, t.shape());
                assertEquals(shape.dim(0), t.rows());
                assertEquals(shape.size() / shape.dim(0), t.cols());
                assertEquals(shape.size(), t.size());
                assertArrayEquals(new double[(int) shape.size()], backend().toArray(t), 0.0);
            }
        });
    }

    /** Views in both directions, the write-through, and the size check; run by {@link OpChecks}. */
    static Stream<DynamicTest> reshapeViews(Backend backend) {
        return perTypeAndShape((dtype, shape, seed) -> {
            double[] values = random(seed, shape.size(), dtype);
            try (Tensor t = backend.fromArray(dtype, shape, values)) {
                Tensor matrix = backend.reshape(t, Shape.matrix(shape.rows(), shape.cols()));
                Tensor flat = backend.reshape(matrix, Shape.of((int) shape.size()));
                assertEquals(Shape.of((int) shape.size()), flat.shape());
                assertArrayEquals(values, backend.toArray(flat), 0.0, "a view reads the same row-major order");
                backend.fill(2.5, flat);
                assertArrayEquals(filled(shape.size(), 2.5), backend.toArray(t), 0.0, "a write through a view "
                        + "is seen by the tensor it was made from (reshape must not copy)");
                backend.affine(t, 2, 0, t);
                assertArrayEquals(filled(shape.size(), 5), backend.toArray(matrix), 0.0,
                        "a write to the tensor is seen by its view");
                flat.close();
                assertArrayEquals(filled(shape.size(), 5), backend.toArray(t), 0.0,
                        "closing a view leaves the tensor usable");
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> backend.reshape(t, Shape.of((int) shape.size() + 1)));
                assertTrue(error.getMessage().contains(shape.toString()), error.getMessage());
            }
        });
    }

    private static double[] filled(long n, double value) {
        double[] values = new double[Math.toIntExact(n)];
        java.util.Arrays.fill(values, value);
        return values;
    }

    @TestFactory
    @DisplayName("element-wise ops and reductions act on the matrix view of any rank")
    Stream<DynamicTest> opsOnMatrixView() {
        return perTypeAndShape((dtype, shape, seed) -> {
            double[] a = random(seed, shape.size(), dtype);
            double[] b = random(seed + 1, shape.size(), dtype);
            try (Tensor ta = backend().fromArray(dtype, shape, a); Tensor tb = backend().fromArray(dtype, shape, b);
                    Tensor out = backend().allocate(dtype, shape);
                    Tensor sums = backend().allocate(dtype, 1, shape.cols())) {
                backend().unary(UnaryOp.TANH, ta, out);
                assertClose("tanh " + dtype.id() + " " + shape, Tolerances.op(dtype), Reference.unary(UnaryOp.TANH,
                        a), backend().toArray(out), shape.cols());
                backend().binary(BinaryOp.MUL, ta, tb, out);
                assertClose("binary MUL " + dtype.id() + " " + shape, Tolerances.op(dtype),
                        Reference.binary(BinaryOp.MUL, a, b, Broadcast.SAME, shape.rows(), shape.cols()),
                        backend().toArray(out), shape.cols());
                backend().sumColumns(ta, sums);
                assertClose("sumColumns " + dtype.id() + " " + shape, Tolerances.scaled(dtype, 3 * shape.rows()),
                        Reference.sumColumns(a, shape.rows(), shape.cols()), backend().toArray(sums), shape.cols());
            }
        });
    }

    @TestFactory
    @DisplayName("binary with a per-channel operand [1, C, 1, 1], in place and not")
    Stream<DynamicTest> channelBroadcast() {
        return perTypeAndShape((dtype, shape, seed) -> {
            if (shape.rank() < 3) {
                return;
            }
            int[] channelDims = new int[shape.rank()];
            java.util.Arrays.fill(channelDims, 1);
            channelDims[1] = shape.dim(1);
            Shape channel = Shape.of(channelDims);
            double[] a = random(seed, shape.size(), dtype);
            double[] b = random(seed + 2, channel.size(), dtype);
            for (BinaryOp op : BinaryOp.values()) {
                for (boolean inPlace : new boolean[] {false, true}) {
                    double[] expected = Reference.binary(op, a, b, Broadcast.CHANNEL, shape.rows(), shape.cols(),
                            shape.sizeFrom(2));
                    try (Tensor ta = backend().fromArray(dtype, shape, a);
                            Tensor tb = backend().fromArray(dtype, channel, b);
                            Tensor out = inPlace ? null : backend().allocate(dtype, shape)) {
                        Tensor target = inPlace ? ta : out;
                        backend().binary(op, ta, tb, target);
                        assertClose("binary " + op + " per channel " + dtype.id() + " " + shape + " with b " + channel
                                + (inPlace ? " (out = a)" : ""), Tolerances.op(dtype), expected,
                                backend().toArray(target), shape.cols());
                    }
                }
            }
        });
    }

    @Test
    @DisplayName("the per-channel sum (a convolution's bias gradient) composes from views and reductions")
    void perChannelSumThroughViews() {
        Shape shape = Shape.of(3, 4, 5, 2);
        for (DType dtype : DType.values()) {
            double[] x = random(17, shape.size(), dtype);
            double[] expected = new double[4];
            for (int i = 0; i < x.length; i++) {
                expected[(i / 10) % 4] += x[i];
            }
            try (Tensor t = backend().fromArray(dtype, shape, x); Tensor perRow = backend().allocate(dtype, 12, 1);
                    Tensor bias = backend().allocate(dtype, Shape.of(4))) {
                backend().sumRows(backend().reshape(t, Shape.matrix(12, 10)), perRow);
                backend().sumColumns(backend().reshape(perRow, Shape.matrix(3, 4)),
                        backend().reshape(bias, Shape.matrix(1, 4)));
                assertClose("per-channel sum " + dtype.id() + " " + shape, Tolerances.scaled(dtype, 90), expected,
                        backend().toArray(bias), 4);
            }
        }
    }

    @Test
    @DisplayName("shapes that differ but hold as many elements are rejected where one shape is required")
    void strictShapes() {
        try (Tensor a = backend().allocate(DType.FLOAT64, Shape.of(2, 3, 4));
                Tensor b = backend().allocate(DType.FLOAT64, Shape.of(2, 12));
                Tensor c = backend().allocate(DType.FLOAT64, Shape.of(2, 4, 1, 1))) {
            IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                    () -> backend().linear(1, a, 1, b, a));
            assertTrue(same.getMessage().contains("[2 x 3 x 4]") && same.getMessage().contains("[2 x 12]"),
                    same.getMessage());
            IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
                    () -> backend().binary(BinaryOp.ADD, a, c, a));
            assertTrue(channel.getMessage().contains("per-channel [1 x 3 x 1]"), channel.getMessage());
            assertThrows(IllegalArgumentException.class, () -> backend().allocate(DType.FLOAT64, Shape.of(1, 2, 3, 4,
                    5)));
        }
    }

    /**
     * One epoch of Adam on {@code [N, 1, 6, 5]} images through flatten, dense, ReLU, dense gives the
     * losses and parameters of the same network on the {@code [N, 30]} matrix (bit for bit: the flatten
     * is a view, so the arithmetic is the same), in both precisions.
     */
    @Test
    @DisplayName("images [N, 1, 6, 5] train through flatten and dense exactly as the matrix [N, 30]")
    void flattenTrainsAsTheMatrix() {
        Dataset data = Dataset.of(Networks.uniform(71, 20, 30, -1, 1), Networks.oneHot(72, 20, 4));
        for (DType dtype : DType.values()) {
            double[][] results = new double[2][];
            double[] losses = new double[2];
            for (int images = 0; images < 2; images++) {
                Sequential.Builder builder = Sequential.builder().backend(backend()).dtype(dtype).seed(5);
                if (images == 1) {
                    builder.input(1, 6, 5).flatten();
                } else {
                    builder.input(30);
                }
                try (Sequential model = builder.dense(8, Activation.relu()).dense(4).build();
                        Loss loss = Loss.softmaxCrossEntropy();
                        Optimizer adam = Adam.builder(0.01).build()) {
                    TrainingHistory history = Trainer.builder().loss(loss).optimizer(adam).epochs(2).batchSize(8)
                            .seed(3).build().fit(model, data);
                    losses[images] = history.finalLoss();
                    results[images] = Networks.parameterValues(model);
                    if (images == 1) {
                        assertEquals(List.of("flatten_1", "dense_1", "relu_1", "dense_2"),
                                model.layers().stream().map(Layer::name).toList());
                    }
                }
            }
            assertEquals(losses[0], losses[1], 0.0, dtype.id() + ": final loss, images vs matrix");
            assertArrayEquals(results[0], results[1], 0.0, dtype.id() + ": parameters, images vs matrix");
        }
    }
}
