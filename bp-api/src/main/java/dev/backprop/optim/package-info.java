/**
 * Optimizers, defined as PyTorch defines them so that a step here equals a step there:
 * {@link dev.backprop.optim.Sgd} (plain gradient descent, classic and Nesterov momentum) and
 * {@link dev.backprop.optim.Adam}, both with optional L2 weight decay.
 */
package dev.backprop.optim;
