/**
 * Data sets held in Java memory: {@link dev.backprop.data.Dataset} (features and targets, one row per
 * sample) and the checks of array arguments in {@link dev.backprop.data.Matrices}.
 */
package dev.backprop.data;
