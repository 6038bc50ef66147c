/**
 * Seeded, backend-neutral initial values: {@link dev.backprop.init.SeededRandom} draws in Java from a
 * seed, so every backend starts from bit-identical parameters; {@link dev.backprop.init.Initializer}
 * turns draws into weights (Xavier/Glorot, He, zeros).
 */
package dev.backprop.init;
