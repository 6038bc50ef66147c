/**
 * The EJML backend: {@code DMatrixRMaj} for float64, {@code FMatrixRMaj} for float32. EJML's own
 * operations wherever EJML has them, loops only for what it lacks.
 */
package dev.backprop.backend.ejml;
