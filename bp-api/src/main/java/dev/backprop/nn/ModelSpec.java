package dev.backprop.nn;

import dev.backprop.init.Initializer;
import dev.backprop.spi.DType;
import java.io.Serializable;
import java.util.List;

/**
 * Everything needed to rebuild a {@link Sequential} model except its parameter values. Serializable,
 * so a spec can travel to the workers of a cluster.
 *
 * @param inputSize input columns
 * @param layers the layers, input to output
 * @param dtype element type of every tensor
 * @param initializer weight initializer for every dense layer, or {@code null} for the default
 *     (He uniform before ReLU-like activations, Xavier uniform otherwise)
 * @param seed seed of the initial weights
 */
public record ModelSpec(int inputSize, List<LayerSpec> layers, DType dtype, Initializer initializer, long seed)
        implements Serializable {

    /** Checks the sizes and copies the list. */
    public ModelSpec {
        if (inputSize < 1) {
            throw new IllegalArgumentException("input size must be at least 1, got " + inputSize
                    + " (call input(n) on the builder)");
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        if (dtype == null) {
            throw new IllegalArgumentException("dtype must not be null");
        }
        layers = List.copyOf(layers);
    }

    /** Output columns of the whole model. */
    public int outputSize() {
        int size = inputSize;
        for (LayerSpec layer : layers) {
            size = layer.outputSize(size);
        }
        return size;
    }
}
