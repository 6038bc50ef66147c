/**
 * The pure-Java backend: row-major {@code double[]} / {@code float[]} storage, no native code. The
 * executable specification of the SPI, fast enough to use.
 */
package dev.backprop.backend.pure;
