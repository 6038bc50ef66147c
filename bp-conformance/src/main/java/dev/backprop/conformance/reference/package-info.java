/**
 * The kit's reference: {@link dev.backprop.conformance.reference.Reference}, each op as plain loops
 * over {@code double[]} written to be read, and {@link
 * dev.backprop.conformance.reference.ReferenceBackend}, a complete (slow) backend built on it, which
 * the kit's own tests run the kit against, correct and with injected faults.
 */
package dev.backprop.conformance.reference;
