package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import java.util.List;

/**
 * Max pooling over each channel of images {@code [N, C, H, W]} (PyTorch's {@code MaxPool2d}, no
 * padding, floor mode). The forward pass records each window's argmax; the backward pass sends each
 * output's gradient to it, adding where overlapping windows share a maximum.
 */
public final class MaxPool2D implements Layer {

    private final String name;
    private final Backend backend;
    private final Shape inputShape;
    private final Shape outputShape;
    private final Window2d window;
    private final TensorCache output;
    private final TensorCache argmax;
    private final TensorCache inputGradient;
    private Tensor lastInput;
    private Tensor lastOutput;

    MaxPool2D(String name, Backend backend, DType dtype, Shape inputShape, Window2d window) {
        this.name = name;
        this.backend = backend;
        this.inputShape = inputShape;
        this.outputShape = Pooling.outputShape(inputShape, window);
        this.window = window;
        this.output = new TensorCache(backend, dtype);
        this.argmax = new TensorCache(backend, dtype);
        this.inputGradient = new TensorCache(backend, dtype);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return (int) inputShape.size();
    }

    @Override
    public int outputSize() {
        return (int) outputShape.size();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        LayerShapes.checkShapedInput(this, inputShape, input);
        Tensor y = output.get(Flatten.batchOf(input.rows(), outputShape));
        backend.maxPool2d(input, window, y, argmax.like(y));
        lastInput = input;
        lastOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor outputGradient, boolean inputGradientNeeded) {
        LayerShapes.checkShapedOutputGradient(this, lastOutput, outputGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dx = inputGradient.like(lastInput);
        backend.maxPool2dBackward(outputGradient, argmax.like(lastOutput), window, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void close() {
        output.close();
        argmax.close();
        inputGradient.close();
    }

    @Override
    public String toString() {
        return name + " (MaxPool2D " + inputShape + "→" + outputShape + ", " + window + ")";
    }
}
