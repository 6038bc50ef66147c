package dev.backprop.examples;

import dev.backprop.conformance.CrossBackendConformance;

/** The three backends of the distribution agree pairwise (bp-examples has all three on its class path). */
class CrossBackendTest extends CrossBackendConformance {
}
