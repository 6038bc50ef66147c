/**
 * A finite-difference gradient checker users can point at any model, loss and batch:
 * {@link dev.backprop.gradcheck.GradientChecker}.
 */
package dev.backprop.gradcheck;
