package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import java.util.List;

/**
 * Average pooling over each channel of images {@code [N, C, H, W]} (PyTorch's {@code AvgPool2d}, no
 * padding, floor mode): each output is the mean of its window, and its gradient is shared equally by
 * the window's entries.
 */
public final class AvgPool2D implements Layer {

    private final String name;
    private final Backend backend;
    private final Shape inputShape;
    private final Shape outputShape;
    private final Window2d window;
    private final TensorCache output;
    private final TensorCache inputGradient;
    private Tensor lastInput;
    private Tensor lastOutput;

    AvgPool2D(String name, Backend backend, DType dtype, Shape inputShape, Window2d window) {
        this.name = name;
        this.backend = backend;
        this.inputShape = inputShape;
        this.outputShape = Pooling.outputShape(inputShape, window);
        this.window = window;
        this.output = new TensorCache(backend, dtype);
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
        backend.avgPool2d(input, window, y);
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
        backend.avgPool2dBackward(outputGradient, window, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void close() {
        output.close();
        inputGradient.close();
    }

    @Override
    public String toString() {
        return name + " (AvgPool2D " + inputShape + "→" + outputShape + ", " + window + ")";
    }
}
