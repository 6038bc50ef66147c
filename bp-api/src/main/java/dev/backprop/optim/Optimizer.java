package dev.backprop.optim;

import dev.backprop.nn.Parameter;
import java.util.List;

/**
 * Updates parameters from their gradients. An optimizer keeps per-parameter state (momentum,
 * moments) on the parameters' backend; use one instance per model.
 */
public interface Optimizer extends AutoCloseable {

    /** Applies one update to every parameter, using the gradients of the last backward pass. */
    void step(List<Parameter> parameters);

    /** The current learning rate. */
    double learningRate();

    /**
     * Changes the learning rate for the following steps (learning-rate schedules call this).
     *
     * @throws IllegalArgumentException unless finite and positive
     */
    void learningRate(double learningRate);

    /** One line with the optimizer's settings. */
    String describe();

    /** Releases the per-parameter state. */
    @Override
    void close();

    /** Plain gradient descent, exactly {@code θ ← θ − lr ∇J(θ)}. */
    static Optimizer gradientDescent(double learningRate) {
        return Sgd.builder(learningRate).build();
    }

    /** SGD with classic (heavy-ball) momentum, as {@code torch.optim.SGD(momentum=m)}. */
    static Optimizer momentum(double learningRate, double momentum) {
        return Sgd.builder(learningRate).momentum(momentum).build();
    }

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8. */
    static Optimizer adam(double learningRate) {
        return Adam.builder(learningRate).build();
    }

    /** Checks a learning rate. */
    static double checkLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        return learningRate;
    }
}
