package dev.backprop.nn;

import dev.backprop.init.Initializer;
import dev.backprop.init.SeededRandom;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;

/**
 * What {@link LayerSpec#build} needs to know about the layer's place in its model.
 *
 * @param name the layer's name, {@code <prefix>_<ordinal>}
 * @param index position in the model, from 0
 * @param ordinal the layer's number among layers of its name prefix, from 1
 * @param inputShape shape of one input sample
 * @param backend where the layer's tensors live
 * @param spec the whole model's spec (data type, seed, initializer, neighbours)
 */
public record LayerContext(String name, int index, int ordinal, Shape inputShape, Backend backend, ModelSpec spec) {

    /** The model's data type. */
    public DType dtype() {
        return spec.dtype();
    }

    /** Stream {@code stream} of the model's seed. */
    public SeededRandom random(long stream) {
        return SeededRandom.forStream(spec.seed(), stream);
    }

    /**
     * The model's initializer, or by default He uniform if a ReLU or leaky ReLU follows this layer and
     * Xavier uniform otherwise.
     */
    public Initializer initializer() {
        if (spec.initializer() != null) {
            return spec.initializer();
        }
        if (index + 1 < spec.layers().size() && spec.layers().get(index + 1) instanceof LayerSpec.ActivationSpec a) {
            Activation.Kind kind = a.activation().kind();
            if (kind == Activation.Kind.RELU || kind == Activation.Kind.LEAKY_RELU) {
                return Initializer.HE_UNIFORM;
            }
        }
        return Initializer.XAVIER_UNIFORM;
    }
}
