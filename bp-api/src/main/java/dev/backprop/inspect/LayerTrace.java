package dev.backprop.inspect;

import java.util.List;

/**
 * What one layer computed and received in a traced step. The gradients are of the loss {@code J}.
 *
 * @param index position in the model, from 0
 * @param name the layer's name, e.g. {@code dense_1}
 * @param description the layer's {@code toString()}, e.g. {@code dense_1 (Dense 2→5)}
 * @param input what the forward pass gave the layer
 * @param output what the layer returned
 * @param derivative for an element-wise activation, its derivative at {@code input} (the layer's
 *     backward pass of a gradient of ones, so it is what the backward pass multiplies by); {@code null}
 *     for other layers
 * @param outputGradient {@code ∂J/∂output}, what the backward pass gave the layer
 * @param inputGradient {@code ∂J/∂input}, what the layer's backward pass returned
 * @param parameters the layer's parameters, empty for parameter-free layers
 */
public record LayerTrace(int index, String name, String description, Matrix input, Matrix output,
        Matrix derivative, Gradient outputGradient, Gradient inputGradient, List<ParameterTrace> parameters) {

    /** Copies the parameter list. */
    public LayerTrace {
        parameters = List.copyOf(parameters);
    }
}
