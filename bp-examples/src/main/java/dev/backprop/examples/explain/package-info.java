/**
 * {@code bp explain}: one training step of a small network, every value of its forward pass,
 * backward pass and update in the order they are computed, each gradient beside its finite
 * difference. The numbers come from {@link dev.backprop.inspect.Tracer}, that is from the model's own
 * layers, loss, optimizer and backend.
 */
package dev.backprop.examples.explain;
