/**
 * The training loop: {@link dev.backprop.train.Trainer} runs epochs of seeded, shuffled mini-batches
 * through forward pass, loss, backward pass and optimizer step, reports to
 * {@link dev.backprop.train.TrainingListener}s and stops with {@link
 * dev.backprop.train.TrainingDivergedException} rather than returning a model with NaN weights.
 * {@link dev.backprop.loss.ModelLoss} joins a model and a loss for one forward and backward pass.
 */
package dev.backprop.train;
