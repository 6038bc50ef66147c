package dev.backprop.nn;

import dev.backprop.spi.Tensor;
import java.util.List;

/**
 * One step of a {@link Sequential} model: a forward pass that maps a batch ({@code [batch x
 * inputSize]}) to {@code [batch x outputSize]}, and the backward pass that turns the gradient of the
 * loss with respect to the output into gradients of the parameters and, when asked, of the input.
 *
 * <p>A layer owns its output and gradient buffers: the tensors it returns stay valid until its next
 * forward or backward call. A layer keeps a reference to the input of its last forward pass, which
 * the caller must leave untouched until the backward pass.
 */
public interface Layer extends AutoCloseable {

    /** Unique within its model, e.g. {@code dense_1}. */
    String name();

    /** Columns of the input. */
    int inputSize();

    /** Columns of the output. */
    int outputSize();

    /**
     * The forward pass.
     *
     * @param input {@code [batch x inputSize]}, not modified
     * @param training true during training (layers such as dropout behave differently)
     * @return {@code [batch x outputSize]}, owned by the layer
     * @throws IllegalArgumentException naming the layer and both shapes if {@code input} has the wrong
     *     number of columns
     */
    Tensor forward(Tensor input, boolean training);

    /**
     * The backward pass for the last forward pass: sets the gradients of {@link #parameters()}.
     *
     * @param outputGradient {@code dL/dy}, shaped as the last output, not modified
     * @param inputGradientNeeded whether to compute {@code dL/dx} (the first layer of a model in
     *     training needs not)
     * @return {@code dL/dx}, owned by the layer, or {@code null} when not needed
     */
    Tensor backward(Tensor outputGradient, boolean inputGradientNeeded);

    /** Trainable parameters, empty for parameter-free layers. */
    List<Parameter> parameters();

    /** Releases the layer's tensors. */
    @Override
    void close();
}
