package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import java.util.List;

/**
 * The mean of each channel over all positions: images {@code [N, C, H, W]} to {@code [N, C]}, an
 * {@linkplain Backend#avgPool2d average pooling} with an {@code H × W} window whose output is viewed
 * as a matrix.
 */
public final class GlobalAveragePool2D implements Layer {

    private final String name;
    private final Backend backend;
    private final Shape inputShape;
    private final Window2d window;
    private final TensorCache pooled;
    private final TensorCache inputGradient;
    private Tensor lastInput;
    private Tensor lastPooled;
    private Tensor lastOutput;
    private Tensor lastOutputGradient;
    private Tensor lastOutputGradientView;
    private final Shape pooledSample;

    GlobalAveragePool2D(String name, Backend backend, DType dtype, Shape inputShape) {
        Pooling.requireImages(inputShape);
        this.name = name;
        this.backend = backend;
        this.inputShape = inputShape;
        this.window = new Window2d(inputShape.dim(1), inputShape.dim(2), 1, 1, 0, 0);
        this.pooledSample = Shape.of(inputShape.dim(0), 1, 1);
        this.pooled = new TensorCache(backend, dtype);
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
        return inputShape.dim(0);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        LayerShapes.checkShapedInput(this, inputShape, input);
        Tensor y = pooled.batch(input.rows(), pooledSample);
        backend.avgPool2d(input, window, y);
        if (y != lastPooled) {
            lastPooled = y;
            lastOutput = backend.reshape(y, Shape.matrix(input.rows(), inputShape.dim(0)));
        }
        lastInput = input;
        return lastOutput;
    }

    @Override
    public Tensor backward(Tensor outputGradient, boolean inputGradientNeeded) {
        LayerShapes.checkShapedOutputGradient(this, lastOutput, outputGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        if (outputGradient != lastOutputGradient) {
            lastOutputGradient = outputGradient;
            lastOutputGradientView = backend.reshape(outputGradient, lastPooled.shape());
        }
        Tensor dx = inputGradient.like(lastInput);
        backend.avgPool2dBackward(lastOutputGradientView, window, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void close() {
        pooled.close();
        inputGradient.close();
        lastPooled = null;
        lastOutput = null;
        lastOutputGradient = null;
        lastOutputGradientView = null;
    }

    @Override
    public String toString() {
        return name + " (GlobalAveragePool2D " + inputShape + "→[" + inputShape.dim(0) + "])";
    }
}
