/**
 * The backend SPI: what a linear-algebra backend implements so that every layer, loss and optimizer
 * of backprop runs on it.
 *
 * <p>A backend jar registers a {@link dev.backprop.spi.BackendProvider} in
 * {@code META-INF/services/dev.backprop.spi.BackendProvider}. The provider is cheap to construct and
 * builds the {@link dev.backprop.spi.Backend} only when asked. The backend owns its
 * {@link dev.backprop.spi.Tensor tensors}; data crosses into Java arrays only through
 * {@link dev.backprop.spi.TensorStorage}.
 *
 * <p>The op set is small and grouped by family: {@link dev.backprop.spi.TensorStorage},
 * {@link dev.backprop.spi.MatrixOps}, {@link dev.backprop.spi.ElementwiseOps},
 * {@link dev.backprop.spi.ReductionOps} are required; {@link dev.backprop.spi.FusedOps} are default
 * methods composed from the required ones (see {@link dev.backprop.spi.ComposedOps}) that a backend
 * may override with a faster kernel. Every derivative of the framework is written once, in terms of
 * these ops, so a backend cannot get a gradient wrong on its own.
 *
 * <p>Conventions for every op: outputs come last and are supplied by the caller; all tensors of one
 * call have the same {@link dev.backprop.spi.DType}; a shape mismatch, a mixed data type or a tensor
 * of another backend is an {@link java.lang.IllegalArgumentException} that names the op and the
 * shapes. Whether an output may alias an input is stated per op; where it may not, passing the same
 * tensor is rejected.
 */
package dev.backprop.spi;
