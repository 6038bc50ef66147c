package dev.backprop.backend.pure;

import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.support.TypedKernels;

/**
 * What the pure backend's kernels of both data types share: storage, views and the copies across the
 * edge to Java arrays. The arithmetic is in {@link Float64Kernels} and its generated float32 twin.
 */
abstract class PureKernels implements TypedKernels<PureTensor> {

    private final DType dtype;

    PureKernels(DType dtype) {
        this.dtype = dtype;
    }

    @Override
    public final PureTensor allocate(Shape shape) {
        int n = (int) shape.size();
        return new PureTensor(dtype, shape, dtype == DType.FLOAT64 ? new double[n] : new float[n]);
    }

    @Override
    public final PureTensor view(PureTensor x, Shape shape) {
        return new PureTensor(x, shape);
    }

    @Override
    public final void upload(double[] source, int offset, PureTensor out) {
        if (out.data instanceof double[] d) {
            System.arraycopy(source, offset, d, 0, d.length);
        } else {
            float[] f = (float[]) out.data;
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) source[offset + i];
            }
        }
    }

    @Override
    public final void download(PureTensor source, double[] out, int offset) {
        if (source.data instanceof double[] d) {
            System.arraycopy(d, 0, out, offset, d.length);
        } else {
            float[] f = (float[]) source.data;
            for (int i = 0; i < f.length; i++) {
                out[offset + i] = f[i];
            }
        }
    }

    @Override
    public final void copy(PureTensor source, PureTensor out) {
        System.arraycopy(source.data, 0, out.data, 0, out.length());
    }
}
