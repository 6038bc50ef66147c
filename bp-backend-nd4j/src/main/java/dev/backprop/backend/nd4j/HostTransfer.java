package dev.backprop.backend.nd4j;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between Java arrays and an array's host memory, as one {@code memcpy} through a JavaCPP
 * pointer instead of an element-by-element put. On a GPU build the affinity manager syncs the host
 * copy before a read and marks it current after a write, so the device sees the new values.
 */
final class HostTransfer {

    private float[] floats = new float[0];

    void upload(double[] source, int offset, INDArray out) {
        int n = Math.toIntExact(out.length());
        DataBuffer buffer = out.data();
        if (buffer.dataType() == DataType.DOUBLE) {
            new DoublePointer(buffer.addressPointer()).put(source, offset, n);
        } else {
            float[] converted = floats(n);
            for (int i = 0; i < n; i++) {
                converted[i] = (float) source[offset + i];
            }
            new FloatPointer(buffer.addressPointer()).put(converted, 0, n);
        }
        Nd4j.getAffinityManager().tagLocation(out, AffinityManager.Location.HOST);
    }

    void download(INDArray source, double[] out, int offset) {
        Nd4j.getAffinityManager().ensureLocation(source, AffinityManager.Location.HOST);
        int n = Math.toIntExact(source.length());
        DataBuffer buffer = source.data();
        if (buffer.dataType() == DataType.DOUBLE) {
            new DoublePointer(buffer.addressPointer()).get(out, offset, n);
        } else {
            float[] converted = floats(n);
            new FloatPointer(buffer.addressPointer()).get(converted, 0, n);
            for (int i = 0; i < n; i++) {
                out[offset + i] = converted[i];
            }
        }
    }

    private float[] floats(int n) {
        if (floats.length < n) {
            floats = new float[n];
        }
        return floats;
    }
}
