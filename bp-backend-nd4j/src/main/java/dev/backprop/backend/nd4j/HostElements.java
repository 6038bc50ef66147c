package dev.backprop.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The elements of a contiguous array's host memory, read and written in place as {@code double}s (a
 * float32 element is widened on reading and rounded on writing, which loses nothing for values that
 * came from float32), so that one loop serves both data types; C2 inlines the two implementations'
 * calls. No copy is made: the view is a {@link java.nio.Buffer} over the array's memory, as
 * {@link HostTransfer} uses. On a GPU build {@link #reading} syncs the host copy first and
 * {@link #written} marks it as the current one.
 */
abstract sealed class HostElements permits HostElements.Floats, HostElements.Doubles {

    /** The elements of {@code array}, synced to the host for reading. */
    static HostElements reading(INDArray array) {
        Nd4j.getAffinityManager().ensureLocation(array, AffinityManager.Location.HOST);
        return of(array);
    }

    /** The elements of {@code array} for writing; call {@link #written} when done. */
    static HostElements writing(INDArray array) {
        Nd4j.getAffinityManager().ensureLocation(array, AffinityManager.Location.HOST);
        return of(array);
    }

    /** Marks the host copy of {@code array} as the current one. */
    static void written(INDArray array) {
        Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
    }

    private static HostElements of(INDArray array) {
        if (array.ordering() != 'c' || array.elementWiseStride() != 1) {
            throw new IllegalArgumentException("host loops need a contiguous row-major array, got "
                    + array.shapeInfoToString());
        }
        DataBuffer buffer = array.data();
        long n = array.length();
        if (buffer.dataType() == DataType.DOUBLE) {
            return new Doubles(new DoublePointer(buffer.addressPointer()).limit(n).asBuffer());
        }
        return new Floats(new FloatPointer(buffer.addressPointer()).limit(n).asBuffer());
    }

    /** Element {@code i}. */
    abstract double get(int i);

    /** Sets element {@code i} to {@code value}, rounded to the array's type. */
    abstract void set(int i, double value);

    /** Sets elements {@code from} (inclusive) to {@code to} (exclusive) to 0. */
    abstract void clear(int from, int to);

    static final class Floats extends HostElements {
        private final FloatBuffer buffer;

        Floats(FloatBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        double get(int i) {
            return buffer.get(i);
        }

        @Override
        void set(int i, double value) {
            buffer.put(i, (float) value);
        }

        @Override
        void clear(int from, int to) {
            for (int i = from; i < to; i++) {
                buffer.put(i, 0f);
            }
        }
    }

    static final class Doubles extends HostElements {
        private final DoubleBuffer buffer;

        Doubles(DoubleBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        double get(int i) {
            return buffer.get(i);
        }

        @Override
        void set(int i, double value) {
            buffer.put(i, value);
        }

        @Override
        void clear(int from, int to) {
            for (int i = from; i < to; i++) {
                buffer.put(i, 0d);
            }
        }
    }
}
