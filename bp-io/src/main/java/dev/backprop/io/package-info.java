/**
 * Model files: {@link dev.backprop.io.ModelFile} saves a {@link dev.backprop.nn.Sequential} model to
 * one safetensors file (weights as little-endian tensors, the architecture and training metadata as
 * JSON in the header's {@code __metadata__}) that Python's {@code safetensors} reads as it is, and
 * loads it on any backend.
 */
package dev.backprop.io;
