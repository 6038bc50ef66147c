/**
 * Loss functions, each a scalar of a batch's predictions and targets with its gradient written in
 * terms of the SPI ops: {@link dev.backprop.loss.Loss#mse()}, {@link
 * dev.backprop.loss.Loss#binaryCrossEntropy()}, {@link dev.backprop.loss.Loss#softmaxCrossEntropy()}.
 */
package dev.backprop.loss;
