package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.List;

/**
 * A fully connected layer {@code y = x·W + b}, with {@code W} stored {@code [in][out]} and {@code b}
 * a {@code [1 x out]} row added to every row. Backward, for a batch {@code x} and {@code dy = dL/dy}:
 * <pre>
 * dW = xᵀ · dy        db = column sums of dy        dx = dy · Wᵀ
 * </pre>
 */
public final class Dense implements Layer {

    private final String name;
    private final Backend backend;
    private final Parameter weights;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final TensorCache output;
    private final TensorCache inputGradient;
    private Tensor lastInput;
    private Tensor lastOutput;

    Dense(String name, Backend backend, DType dtype, int inputSize, int outputSize) {
        this.name = name;
        this.backend = backend;
        this.weights = new Parameter(name + ".W", backend, backend.allocate(dtype, inputSize, outputSize));
        this.bias = new Parameter(name + ".b", backend, backend.allocate(dtype, 1, outputSize));
        this.parameters = List.of(weights, bias);
        this.output = new TensorCache(backend, dtype);
        this.inputGradient = new TensorCache(backend, dtype);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return weights.rows();
    }

    @Override
    public int outputSize() {
        return weights.cols();
    }

    /** {@code W}, {@code [in x out]}. */
    public Parameter weights() {
        return weights;
    }

    /** {@code b}, {@code [1 x out]}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        LayerShapes.checkInput(this, input);
        Tensor y = output.get(input.rows(), outputSize());
        backend.gemm(false, false, 1, input, weights.value(), 0, y);
        backend.binary(BinaryOp.ADD, y, bias.value(), y);
        lastInput = input;
        lastOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor outputGradient, boolean inputGradientNeeded) {
        LayerShapes.checkOutputGradient(this, lastOutput, outputGradient);
        backend.gemm(true, false, 1, lastInput, outputGradient, 0, weights.gradient());
        backend.sumColumns(outputGradient, bias.gradient());
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dx = inputGradient.like(lastInput);
        backend.gemm(false, true, 1, outputGradient, weights.value(), 0, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void close() {
        weights.close();
        bias.close();
        output.close();
        inputGradient.close();
    }

    @Override
    public String toString() {
        return name + " (Dense " + inputSize() + "→" + outputSize() + ")";
    }
}
