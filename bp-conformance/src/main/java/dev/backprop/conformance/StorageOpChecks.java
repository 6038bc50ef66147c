package dev.backprop.conformance;

import static dev.backprop.conformance.OpHarness.describe;
import static dev.backprop.conformance.OpHarness.huge;
import static dev.backprop.conformance.OpHarness.perTypeAndShape;
import static dev.backprop.conformance.OpHarness.random;
import static dev.backprop.conformance.OpHarness.rounded;
import static dev.backprop.conformance.OpHarness.tiny;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.conformance.OpHarness.Operand;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@link dev.backprop.spi.TensorStorage} ops: allocation zero-fills, values cross the edge
 * exactly (rounded to the type, signed zeros, infinities and NaN kept), copies and fills read back
 * the same twice and after a further op. Each test factory is named after the op it checks.
 */
public abstract class StorageOpChecks {

    private final OpHarness ops;

    /** For the kit's nested class. */
    protected StorageOpChecks(BackendConformance kit) {
        this.ops = new OpHarness(kit);
    }

    private Backend backend() {
        return ops.backend();
    }

    @TestFactory
    Stream<DynamicTest> allocate() {
        return Stream.concat(perTypeAndShape("allocate", (dtype, rows, cols, seed) -> {
            try (Tensor t = backend().allocate(dtype, rows, cols)) {
                assertEquals(rows, t.rows());
                assertEquals(cols, t.cols());
                assertEquals(dtype, t.dtype());
                assertArrayEquals(new double[rows * cols], ops.read(t), 0.0, "allocate must zero-fill");
            }
        }), Stream.of(dynamicTest("rejects a dimension below 1", () -> {
            assertThrows(IllegalArgumentException.class, () -> backend().allocate(DType.FLOAT64, 0, 3));
            assertThrows(IllegalArgumentException.class, () -> backend().allocate(DType.FLOAT32, 3, -1));
        })));
    }

    @TestFactory
    Stream<DynamicTest> reshape() {
        return ShapeChecks.reshapeViews(backend());
    }

    @TestFactory
    Stream<DynamicTest> upload() {
        return Stream.concat(perTypeAndShape("upload", (dtype, rows, cols, seed) -> {
            double[] source = new double[rows * cols + 3];
            double[] values = random(seed, rows * cols, -3, 3, DType.FLOAT64);
            System.arraycopy(values, 0, source, 3, values.length);
            double[] untouched = source.clone();
            try (Tensor t = backend().allocate(dtype, rows, cols)) {
                double[] actual = ops.runOne(describe("upload", dtype, rows, cols),
                        () -> backend().upload(source, 3, t), Operand.result(t));
                assertArrayEquals(rounded(dtype, values), actual, 0.0,
                        describe("upload rounds to the type", dtype, rows, cols));
                assertArrayEquals(untouched, source, 0.0, "upload must not modify its source array");
            }
        }), Stream.of(dynamicTest("rejects a source too short for the tensor", () -> {
            try (Tensor t = backend().allocate(DType.FLOAT64, 2, 2)) {
                assertThrows(IllegalArgumentException.class, () -> backend().upload(new double[5], 2, t));
            }
        })));
    }

    @TestFactory
    Stream<DynamicTest> download() {
        return Stream.concat(perTypeAndShape("download", (dtype, rows, cols, seed) -> {
            double[] values = random(seed, rows * cols, -3, 3, dtype);
            try (Tensor t = ops.tensor(dtype, rows, cols, values)) {
                double[] out = new double[values.length + 2];
                Arrays.fill(out, 42);
                backend().download(t, out, 1);
                assertEquals(42, out[0]);
                assertEquals(42, out[out.length - 1]);
                assertArrayEquals(values, Arrays.copyOfRange(out, 1, values.length + 1), 0.0,
                        describe("download", dtype, rows, cols));
            }
        }), Stream.of(
                dynamicTest("keeps signed zeros, infinities, NaN, huge and tiny values", () -> {
                    for (DType dtype : DType.values()) {
                        double[] special = rounded(dtype, 0.0, -0.0, Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY, Double.NaN, huge(dtype), -tiny(dtype));
                        try (Tensor t = ops.tensor(dtype, 1, special.length, special)) {
                            OpHarness.assertSameBits("download " + dtype.id(), special, ops.read(t));
                        }
                    }
                }),
                dynamicTest("rejects a destination too short", () -> {
                    try (Tensor t = backend().allocate(DType.FLOAT32, 2, 2)) {
                        assertThrows(IllegalArgumentException.class, () -> backend().download(t, new double[4], 1));
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> copy() {
        return Stream.concat(perTypeAndShape("copy", (dtype, rows, cols, seed) -> {
            double[] values = random(seed, rows * cols, -3, 3, dtype);
            try (Tensor source = ops.tensor(dtype, rows, cols, values);
                    Tensor out = ops.tensor(dtype, rows, cols, random(seed + 1, rows * cols, -3, 3, dtype))) {
                OpHarness.assertSameBits(describe("copy", dtype, rows, cols), values, ops.runOne(
                        describe("copy", dtype, rows, cols), () -> backend().copy(source, out),
                        Operand.input(source, values), Operand.result(out)));
                OpHarness.assertSameBits(describe("copy onto itself", dtype, rows, cols), values, ops.runOne(
                        describe("copy onto itself", dtype, rows, cols), () -> backend().copy(source, source),
                        Operand.result(source)));
            }
        }), Stream.of(dynamicTest("rejects a shape mismatch", () -> {
            try (Tensor a = backend().allocate(DType.FLOAT64, 2, 3); Tensor b = backend().allocate(DType.FLOAT64, 3, 2)) {
                assertThrows(IllegalArgumentException.class, () -> backend().copy(a, b));
            }
        })));
    }

    @TestFactory
    Stream<DynamicTest> fill() {
        return perTypeAndShape("fill", (dtype, rows, cols, seed) -> {
            try (Tensor t = ops.tensor(dtype, rows, cols, random(seed, rows * cols, -3, 3, dtype))) {
                for (double value : new double[] {-0.0, 0.1, -huge(dtype), 0.0}) {
                    double[] expected = new double[rows * cols];
                    Arrays.fill(expected, dtype.round(value));
                    String what = describe("fill " + value, dtype, rows, cols);
                    OpHarness.assertSameBits(what, expected, ops.runOne(what, () -> backend().fill(value, t),
                            Operand.result(t)));
                }
            }
        });
    }
}
