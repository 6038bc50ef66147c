package dev.backprop.loss;

import dev.backprop.nn.ActivationLayer;
import dev.backprop.nn.Layer;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Tensor;
import java.util.List;

/**
 * A model and a loss joined for one forward and backward pass. If the loss absorbs the model's final
 * activation (softmax cross-entropy after a softmax layer), the loss gets that layer's input and the
 * backward pass starts below it; {@link Sequential#forward} still applies the activation for
 * predictions.
 */
public final class ModelLoss {

    private final Sequential model;
    private final Loss loss;
    private final int layerCount;
    private Tensor lastPrediction;

    /** Joins {@code model} and {@code loss}. */
    public ModelLoss(Sequential model, Loss loss) {
        this.model = model;
        this.loss = loss;
        List<Layer> layers = model.layers();
        Layer last = layers.get(layers.size() - 1);
        boolean absorbed = last instanceof ActivationLayer a && loss.absorbs(a.activation());
        this.layerCount = absorbed ? layers.size() - 1 : layers.size();
    }

    /** The model. */
    public Sequential model() {
        return model;
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /**
     * How many of the model's layers, from the first, the forward and backward passes run through: all
     * of them, or all but a final activation the loss absorbs.
     */
    public int layerCount() {
        return layerCount;
    }

    /**
     * The forward pass and the loss of {@code input} against {@code target}.
     *
     * @throws IllegalArgumentException if {@code target} does not match the model's output shape
     */
    public double forward(Tensor input, Tensor target, boolean training) {
        if (target.cols() != model.outputSize()) {
            throw new IllegalArgumentException("targets have " + target.cols() + " columns but the model outputs "
                    + model.outputSize());
        }
        Tensor prediction = model.forward(input, training, layerCount);
        lastPrediction = prediction;
        return loss.forward(model.backend(), prediction, target);
    }

    /**
     * What the loss saw in the last {@link #forward}: the model's output, or the logits before an
     * absorbed final activation (their row-wise argmax is the same). Owned by the model.
     */
    public Tensor lastPrediction() {
        if (lastPrediction == null) {
            throw new IllegalStateException("forward has not run");
        }
        return lastPrediction;
    }

    /**
     * The backward pass of the last {@link #forward}: sets every parameter's gradient.
     *
     * @return {@code dL/d(input)} if {@code inputGradientNeeded}, else {@code null}
     */
    public Tensor backward(boolean inputGradientNeeded) {
        return model.backward(loss.backward(), layerCount, inputGradientNeeded);
    }
}
