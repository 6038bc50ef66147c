package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import java.util.List;

/**
 * What {@link MaxPool2D} and {@link AvgPool2D} share: a window slid over each channel of images
 * {@code [N, C, H, W]} without padding (floor mode), no parameters, and output and input-gradient
 * tensors kept per batch size. A subclass says how a window is pooled and how its gradient flows back.
 */
abstract class WindowPooling implements Layer {

    private final String name;
    private final Shape inputShape;
    private final Shape outputShape;
    private final TensorCache output;
    private final TensorCache inputGradient;
    /** The backend the pooling ops run on. */
    protected final Backend backend;
    /** The pooling window. */
    protected final Window2d window;
    private Tensor lastInput;
    private Tensor lastOutput;

    WindowPooling(String name, Backend backend, DType dtype, Shape inputShape, Window2d window) {
        this.name = name;
        this.backend = backend;
        this.inputShape = inputShape;
        this.outputShape = Pooling.outputShape(inputShape, window);
        this.window = window;
        this.output = new TensorCache(backend, dtype);
        this.inputGradient = new TensorCache(backend, dtype);
    }

    /** Pools {@code x} into {@code y}. */
    abstract void pool(Tensor x, Tensor y);

    /** The gradient {@code dx} of the last {@link #pool} from its output's gradient {@code dy}. */
    abstract void poolBackward(Tensor dy, Tensor y, Tensor dx);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int inputSize() {
        return (int) inputShape.size();
    }

    @Override
    public final int outputSize() {
        return (int) outputShape.size();
    }

    @Override
    public final Tensor forward(Tensor input, boolean training) {
        LayerShapes.checkShapedInput(this, inputShape, input);
        Tensor y = output.batch(input.rows(), outputShape);
        pool(input, y);
        lastInput = input;
        lastOutput = y;
        return y;
    }

    @Override
    public final Tensor backward(Tensor outputGradient, boolean inputGradientNeeded) {
        LayerShapes.checkShapedOutputGradient(this, lastOutput, outputGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dx = inputGradient.like(lastInput);
        poolBackward(outputGradient, lastOutput, dx);
        return dx;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void close() {
        output.close();
        inputGradient.close();
    }

    @Override
    public final String toString() {
        return name + " (" + getClass().getSimpleName() + " " + inputShape + "→" + outputShape + ", " + window + ")";
    }
}
