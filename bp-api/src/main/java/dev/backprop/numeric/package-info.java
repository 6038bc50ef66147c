/**
 * Comparing numbers with written-down tolerances: {@link dev.backprop.numeric.Tolerance} (one rule),
 * {@link dev.backprop.numeric.Tolerances} (every rule the project uses, each with its reason) and
 * {@link dev.backprop.numeric.Comparison} (the worst element of an array comparison).
 */
package dev.backprop.numeric;
