package dev.backprop.inspect;

import dev.backprop.loss.Loss;
import dev.backprop.nn.Layer;
import dev.backprop.nn.Parameter;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Central finite differences {@code (J(v + h) − J(v − h)) / 2h} of the loss with respect to a
 * parameter, or to the input of any layer (running the layers from there on), or to the loss's own
 * input. Forward passes only, in inference mode; every value is put back afterwards.
 */
final class FiniteDifferences {

    private final Backend backend;
    private final DType dtype;
    private final Loss loss;
    private final List<Layer> layers;
    private final Tensor target;
    private final double step;

    FiniteDifferences(Backend backend, DType dtype, Loss loss, List<Layer> layers, Tensor target, double step) {
        this.backend = backend;
        this.dtype = dtype;
        this.loss = loss;
        this.layers = layers;
        this.target = target;
        this.step = step;
    }

    /** With respect to the input of layer {@code layer}; {@code layers.size()} means the loss's input. */
    Matrix ofInput(int layer, Matrix value) {
        try (Tensor work = backend.fromArray(dtype, value.rows(), value.cols(), value.values())) {
            return differences(value, v -> backend.upload(v, 0, work), () -> lossFrom(layer, work));
        }
    }

    /** With respect to {@code parameter}, for the whole model on {@code input}. */
    Matrix ofParameter(Parameter parameter, Tensor input) {
        Matrix value = new Matrix(parameter.rows(), parameter.cols(), parameter.values());
        return differences(value, parameter::set, () -> lossFrom(0, input));
    }

    private double lossFrom(int first, Tensor input) {
        Tensor a = input;
        for (int i = first; i < layers.size(); i++) {
            a = layers.get(i).forward(a, false);
        }
        return loss.forward(backend, a, target);
    }

    private Matrix differences(Matrix value, Consumer<double[]> apply, DoubleSupplier lossAtCurrent) {
        double[] original = value.values();
        double[] work = value.values();
        double[] numeric = new double[original.length];
        try {
            for (int i = 0; i < original.length; i++) {
                work[i] = original[i] + step;
                apply.accept(work);
                double plus = lossAtCurrent.getAsDouble();
                work[i] = original[i] - step;
                apply.accept(work);
                double minus = lossAtCurrent.getAsDouble();
                work[i] = original[i];
                numeric[i] = (plus - minus) / (2 * step);
            }
        } finally {
            apply.accept(original);
        }
        return new Matrix(value.rows(), value.cols(), numeric);
    }
}
