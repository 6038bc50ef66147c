package dev.backprop.nn;

import dev.backprop.init.Initializer;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import java.io.Serializable;
import java.util.List;

/**
 * Everything needed to rebuild a {@link Sequential} model except its parameter values. Serializable,
 * so a spec can travel to the workers of a cluster.
 *
 * @param inputShape shape of one input sample, without the batch dimension: {@code [784]} for
 *     features, {@code [1, 28, 28]} for a one-channel image
 * @param layers the layers, input to output
 * @param dtype element type of every tensor
 * @param initializer weight initializer for every dense layer, or {@code null} for the default
 *     (He uniform before ReLU-like activations, Xavier uniform otherwise)
 * @param seed seed of the initial weights
 */
public record ModelSpec(Shape inputShape, List<LayerSpec> layers, DType dtype, Initializer initializer, long seed)
        implements Serializable {

    /**
     * Checks the shapes through every layer and copies the list.
     *
     * @throws IllegalArgumentException naming the layer whose input shape it cannot take
     */
    public ModelSpec {
        if (inputShape == null || inputShape.rank() > Shape.MAX_RANK - 1) {
            throw new IllegalArgumentException("the input shape of one sample must have rank 1 to "
                    + (Shape.MAX_RANK - 1) + ", got " + inputShape + " (call input(...) on the builder)");
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        if (dtype == null) {
            throw new IllegalArgumentException("dtype must not be null");
        }
        layers = List.copyOf(layers);
        Shape shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + layers.get(i).typeName() + ") cannot take "
                        + "input " + shape + ": " + e.getMessage(), e);
            }
        }
    }

    /** A model of flat input of {@code inputSize} features. */
    public ModelSpec(int inputSize, List<LayerSpec> layers, DType dtype, Initializer initializer, long seed) {
        this(features(inputSize), layers, dtype, initializer, seed);
    }

    private static Shape features(int inputSize) {
        if (inputSize < 1) {
            throw new IllegalArgumentException("input size must be at least 1, got " + inputSize
                    + " (call input(n) on the builder)");
        }
        return Shape.of(inputSize);
    }

    /** Input values per sample: the size of {@link #inputShape()}. */
    public int inputSize() {
        return (int) inputShape.size();
    }

    /** The shape of one output sample. */
    public Shape outputShape() {
        Shape shape = inputShape;
        for (LayerSpec layer : layers) {
            shape = layer.outputShape(shape);
        }
        return shape;
    }

    /** Output values per sample. */
    public int outputSize() {
        return (int) outputShape().size();
    }
}
