package dev.backprop.inspect;

/**
 * A parameter as one traced step saw it.
 *
 * @param name for example {@code dense_1.W}
 * @param value the values the forward pass used
 * @param gradient {@code ∂J/∂(parameter)}, as the backward pass left it in the parameter
 */
public record ParameterTrace(String name, Matrix value, Gradient gradient) {
}
