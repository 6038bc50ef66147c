/**
 * The ND4J backend: tensors are ND4J {@code INDArray}s in ND4J's memory (off-heap on the CPU, on
 * the GPU with the CUDA build). Every op is one of ND4J's native ops or BLAS calls writing into a
 * preallocated result; data crosses into Java arrays only in upload and download.
 */
package dev.backprop.backend.nd4j;
