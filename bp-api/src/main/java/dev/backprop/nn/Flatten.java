package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import java.util.List;

/**
 * Reads a batch {@code [N, C, H, W]} (or of any rank) as {@code [N, C·H·W]}, in row-major order as
 * PyTorch's {@code flatten(1)}; the backward pass gives the gradient the input's shape back. Both are
 * {@linkplain dev.backprop.spi.TensorStorage#reshape views}: nothing is copied.
 */
public final class Flatten implements Layer {

    private final String name;
    private final Backend backend;
    private final Shape inputShape;
    private final int size;
    private Tensor lastInput;
    private Tensor lastOutput;
    private Tensor lastOutputGradient;
    private Tensor lastInputGradient;

    Flatten(String name, Backend backend, Shape inputShape) {
        this.name = name;
        this.backend = backend;
        this.inputShape = inputShape;
        this.size = (int) inputShape.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        LayerShapes.checkShapedInput(this, inputShape, input);
        if (input != lastInput) {
            lastInput = input;
            lastOutput = input.shape().isMatrix() ? input : backend.reshape(input, Shape.matrix(input.rows(), size));
        }
        return lastOutput;
    }

    @Override
    public Tensor backward(Tensor outputGradient, boolean inputGradientNeeded) {
        LayerShapes.checkOutputGradient(this, lastOutput, outputGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        if (outputGradient != lastOutputGradient) {
            lastOutputGradient = outputGradient;
            lastInputGradient = outputGradient.shape().equals(lastInput.shape()) ? outputGradient
                    : backend.reshape(outputGradient, lastInput.shape());
        }
        return lastInputGradient;
    }

    /** {@code [rows, dims of sample...]}. */
    static Shape batchOf(int rows, Shape sample) {
        int[] dims = new int[sample.rank() + 1];
        dims[0] = rows;
        System.arraycopy(sample.dims(), 0, dims, 1, sample.rank());
        return Shape.of(dims);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void close() {
        lastInput = null;
        lastOutput = null;
        lastOutputGradient = null;
        lastInputGradient = null;
    }

    @Override
    public String toString() {
        return name + " (Flatten " + inputShape + "→[" + size + "])";
    }
}
