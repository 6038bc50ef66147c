package dev.backprop.nn;

import dev.backprop.init.SeededRandom;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;

/**
 * Inverted dropout: in training, each element is kept with probability {@code 1 - rate} and scaled by
 * {@code 1 / (1 - rate)}, so the expected output equals the input; at prediction it passes the input
 * through. The mask is drawn in Java from a seeded generator and uploaded, so every backend drops the
 * same elements. Backward: {@code dx = dy * mask}.
 */
public final class Dropout extends SizePreservingLayer {

    private final double rate;
    private final SeededRandom random;
    private final TensorCache mask;
    private final TensorCache output;
    private final TensorCache inputGradient;
    private double[] hostMask = new double[0];
    private Tensor lastOutput;
    private boolean lastTraining;

    Dropout(String name, Backend backend, DType dtype, double rate, int size, SeededRandom random) {
        super(name, backend, size);
        this.rate = rate;
        this.random = random;
        this.mask = new TensorCache(backend, dtype);
        this.output = new TensorCache(backend, dtype);
        this.inputGradient = new TensorCache(backend, dtype);
    }

    /** The probability of dropping an element. */
    public double rate() {
        return rate;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        LayerShapes.checkInput(this, input);
        lastTraining = training && rate > 0;
        if (!lastTraining) {
            lastOutput = input;
            return input;
        }
        int n = input.rows() * input.cols();
        if (hostMask.length < n) {
            hostMask = new double[n];
        }
        double keep = 1 / (1 - rate);
        for (int i = 0; i < n; i++) {
            hostMask[i] = random.nextDouble() < rate ? 0 : keep;
        }
        Tensor m = mask.like(input);
        backend.upload(hostMask, 0, m);
        Tensor y = output.like(input);
        backend.binary(BinaryOp.MUL, input, m, y);
        lastOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor outputGradient, boolean inputGradientNeeded) {
        LayerShapes.checkOutputGradient(this, lastOutput, outputGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        if (!lastTraining) {
            return outputGradient;
        }
        Tensor dx = inputGradient.like(outputGradient);
        backend.binary(BinaryOp.MUL, outputGradient, mask.like(outputGradient), dx);
        return dx;
    }

    @Override
    public void close() {
        mask.close();
        output.close();
        inputGradient.close();
    }

    @Override
    public String toString() {
        return name() + " (dropout " + rate + ")";
    }
}
