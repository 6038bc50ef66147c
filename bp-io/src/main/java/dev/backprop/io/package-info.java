/**
 * Model files: {@link dev.backprop.io.SafeTensors} reads and writes any safetensors file of F32/F64
 * tensors of rank 1 to 4; {@link dev.backprop.io.ModelFile} maps a {@link dev.backprop.nn.Sequential}
 * model (architecture and parameters) to and from such a file (weights as little-endian tensors, the
 * architecture and training metadata as JSON in the header's {@code __metadata__}, all under one
 * checksum), which Python's {@code safetensors} reads as it is, and loads it on any backend.
 */
package dev.backprop.io;
