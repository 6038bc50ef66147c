package dev.backprop.conformance;

import dev.backprop.init.SeededRandom;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import java.util.List;

/** Building the kit's networks and data. */
public final class Networks {

    private Networks() {
    }

    /** The fixture's network on {@code backend} in float64, with the fixture's parameters. */
    public static Sequential fromFixture(OracleFixture fixture, Backend backend) {
        Sequential.Builder builder = Sequential.builder().dtype(DType.FLOAT64).backend(backend);
        int[] input = fixture.inputShape().dims();
        if (input.length == 1) {
            builder.input(input[0]);
        } else {
            builder.input(input[0], input[1], input[2]);
        }
        for (OracleFixture.Layer layer : fixture.layers()) {
            builder.layer(layer.spec());
            if (layer.activation().kind() != Activation.Kind.IDENTITY) {
                builder.activation(layer.activation());
            }
        }
        Sequential model = builder.build();
        List<Parameter> parameters = model.parameters();
        int next = 0;
        for (OracleFixture.Layer layer : fixture.layers()) {
            if (layer.hasParameters()) {
                parameters.get(next++).set(layer.weights());
                parameters.get(next++).set(layer.bias());
            }
        }
        return model;
    }

    /** The fixture's inputs {@code X} as a batch tensor of the model's input shape. */
    public static Tensor inputs(Backend backend, OracleFixture fixture) {
        int[] sample = fixture.inputShape().dims();
        int[] dims = new int[sample.length + 1];
        dims[0] = fixture.batch();
        System.arraycopy(sample, 0, dims, 1, sample.length);
        return backend.fromArray(DType.FLOAT64, Shape.of(dims), NumericAssertions.flatten(fixture.inputs()));
    }

    /** A {@code rows x cols} matrix uniform in {@code [low, high)}, drawn from {@code seed}. */
    public static double[][] uniform(long seed, int rows, int cols, double low, double high) {
        SeededRandom random = new SeededRandom(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble(low, high);
            }
        }
        return m;
    }

    /** One-hot rows for {@code rows} random classes of {@code classes}. */
    public static double[][] oneHot(long seed, int rows, int classes) {
        SeededRandom random = new SeededRandom(seed);
        double[][] m = new double[rows][classes];
        for (double[] row : m) {
            row[random.nextInt(classes)] = 1;
        }
        return m;
    }

    /** A tensor holding {@code rows}. */
    public static Tensor tensor(Backend backend, DType dtype, double[][] rows) {
        return backend.fromArray(dtype, rows.length, rows[0].length, NumericAssertions.flatten(rows));
    }

    /** A tensor of one row. */
    public static Tensor row(Backend backend, DType dtype, double... values) {
        return backend.fromArray(dtype, 1, values.length, values);
    }

    /** A network {@code in → hidden (activation) → out} with the given last activation, float64. */
    public static Sequential small(Backend backend, DType dtype, int in, int hidden, Activation activation, int out,
            Activation last, long seed) {
        return Sequential.builder().input(in).dense(hidden, activation).dense(out, last).dtype(dtype)
                .backend(backend).seed(seed).build();
    }

    /** The flat values of every parameter, in order. */
    public static double[] parameterValues(Sequential model) {
        return model.parameters().stream().map(Parameter::values)
                .reduce(new double[0], Networks::concat);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
