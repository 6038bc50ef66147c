/**
 * Inspection of one training step: {@link dev.backprop.inspect.Tracer} runs a model's forward and
 * backward pass on one batch and returns a {@link dev.backprop.inspect.Trace}, the values every layer
 * computed and received (forward values, gradients of the loss with respect to each layer's output,
 * input and parameters), each gradient optionally beside its central finite difference. For debugging
 * any model, and for showing backpropagation at work ({@code bp explain}).
 */
package dev.backprop.inspect;
