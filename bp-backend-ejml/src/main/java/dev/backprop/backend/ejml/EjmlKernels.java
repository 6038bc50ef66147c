package dev.backprop.backend.ejml;

import dev.backprop.spi.support.TypedKernels;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * What the EJML kernels of both data types share: the copies across the edge to Java arrays. The
 * arithmetic is in {@link Float64EjmlKernels} and its generated float32 twin.
 */
abstract class EjmlKernels implements TypedKernels<EjmlTensor> {

    @Override
    public final void upload(double[] source, int offset, EjmlTensor out) {
        if (out.matrix instanceof DMatrixRMaj d) {
            System.arraycopy(source, offset, d.data, 0, d.getNumElements());
        } else {
            FMatrixRMaj f = (FMatrixRMaj) out.matrix;
            for (int i = 0; i < f.getNumElements(); i++) {
                f.data[i] = (float) source[offset + i];
            }
        }
    }

    @Override
    public final void download(EjmlTensor source, double[] out, int offset) {
        if (source.matrix instanceof DMatrixRMaj d) {
            System.arraycopy(d.data, 0, out, offset, d.getNumElements());
        } else {
            FMatrixRMaj f = (FMatrixRMaj) source.matrix;
            for (int i = 0; i < f.getNumElements(); i++) {
                out[offset + i] = f.data[i];
            }
        }
    }
}
