package dev.backprop.train;

import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import java.util.List;

/**
 * One optimizer step from a gradient computed elsewhere (for example the mean of {@link GradientSum}s
 * from several workers): the flat vector is copied into the parameters' gradients, then
 * {@link Optimizer#step} updates the parameters exactly as after a backward pass.
 */
public final class GradientStep {

    private GradientStep() {
    }

    /**
     * Applies {@code gradient} (the parameters in {@link Sequential#parameters()} order, each
     * row-major) to {@code model} through {@code optimizer}.
     *
     * @throws IllegalArgumentException if the vector's length is not the model's parameter count
     *     (nothing is changed then)
     */
    public static void apply(Sequential model, Optimizer optimizer, double[] gradient) {
        if (gradient.length != model.parameterCount()) {
            throw new IllegalArgumentException("the gradient vector has " + gradient.length
                    + " values but the model has " + model.parameterCount() + " parameters");
        }
        List<Parameter> parameters = model.parameters();
        int offset = 0;
        for (Parameter p : parameters) {
            model.backend().upload(gradient, offset, p.gradient());
            offset += Math.toIntExact(p.gradient().size());
        }
        optimizer.step(parameters);
    }
}
