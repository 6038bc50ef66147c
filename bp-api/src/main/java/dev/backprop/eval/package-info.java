/**
 * Evaluating a trained model: {@link dev.backprop.eval.Evaluation} runs a model over a data set in
 * inference mode and reports the mean loss and, for a classification, accuracy, per-class precision
 * and recall, and the {@link dev.backprop.eval.ConfusionMatrix}.
 */
package dev.backprop.eval;
