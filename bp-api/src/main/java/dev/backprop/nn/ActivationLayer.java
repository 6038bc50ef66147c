package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.UnaryOp;

/**
 * Applies an {@link Activation}. Backward passes use the fused ops of the SPI, whose derivatives are
 * written once in {@link dev.backprop.spi.ComposedOps}; sigmoid, tanh and softmax differentiate from
 * their output, ReLU and leaky ReLU from their input. Identity passes tensors through untouched.
 */
public final class ActivationLayer extends SizePreservingLayer {

    private final Activation activation;
    private final TensorCache output;
    private final TensorCache inputGradient;
    private final TensorCache rowScratch;
    private Tensor lastInput;
    private Tensor lastOutput;

    ActivationLayer(String name, Backend backend, DType dtype, Activation activation, int size) {
        super(name, backend, size);
        this.activation = activation;
        this.output = new TensorCache(backend, dtype);
        this.inputGradient = new TensorCache(backend, dtype);
        this.rowScratch = new TensorCache(backend, dtype);
    }

    /** The function this layer applies. */
    public Activation activation() {
        return activation;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        LayerShapes.checkInput(this, input);
        lastInput = input;
        Tensor y = activation.kind() == Activation.Kind.IDENTITY ? input : output.like(input);
        switch (activation.kind()) {
            case IDENTITY -> {
            }
            case SIGMOID -> backend.unary(UnaryOp.SIGMOID, input, y);
            case TANH -> backend.unary(UnaryOp.TANH, input, y);
            case RELU -> backend.unary(UnaryOp.RELU, input, y);
            case LEAKY_RELU -> backend.leakyRelu(input, activation.slope(), y);
            case SOFTMAX -> backend.softmax(input, rowScratch.get(input.rows(), 1), y);
        }
        lastOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor outputGradient, boolean inputGradientNeeded) {
        LayerShapes.checkOutputGradient(this, lastOutput, outputGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        if (activation.kind() == Activation.Kind.IDENTITY) {
            return outputGradient;
        }
        Tensor dz = inputGradient.like(outputGradient);
        switch (activation.kind()) {
            case SIGMOID -> backend.sigmoidBackward(lastOutput, outputGradient, dz);
            case TANH -> backend.tanhBackward(lastOutput, outputGradient, dz);
            case RELU -> backend.leakyReluBackward(lastInput, 0, outputGradient, dz);
            case LEAKY_RELU -> backend.leakyReluBackward(lastInput, activation.slope(), outputGradient, dz);
            case SOFTMAX -> backend.softmaxBackward(lastOutput, outputGradient,
                    rowScratch.get(outputGradient.rows(), 1), dz);
            case IDENTITY -> throw new AssertionError("handled above");
        }
        return dz;
    }

    @Override
    public void close() {
        output.close();
        inputGradient.close();
        rowScratch.close();
    }

    @Override
    public String toString() {
        return name() + " (" + activation.id() + ")";
    }
}
