/**
 * Models and their layers: {@link dev.backprop.nn.Sequential} built with a fluent builder,
 * {@link dev.backprop.nn.Dense} ({@code y = x·W + b}), {@link dev.backprop.nn.ActivationLayer} and
 * {@link dev.backprop.nn.Parameter}s that can be read out and set as Java arrays. Every forward and
 * backward pass is written against the {@link dev.backprop.spi} ops only.
 */
package dev.backprop.nn;
