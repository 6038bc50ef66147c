/**
 * The conformance kit: JUnit 5 checks every backend runs to prove it computes the same values and
 * gradients. A backend author extends {@link dev.backprop.conformance.BackendConformance} in one test
 * class that returns their {@link dev.backprop.spi.BackendProvider}; every check is a nested class
 * whose name reads as the specification it enforces.
 */
package dev.backprop.conformance;
