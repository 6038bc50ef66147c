package dev.backprop.backend.nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Temporary arrays for ops that ND4J cannot do in one native call, reused across calls of the same
 * shape so a training step with a steady batch shape allocates nothing. Keeps the most recently used
 * shapes and frees the rest.
 */
final class ScratchArrays {

    private static final int CAPACITY = 16;

    private final Map<String, INDArray> arrays = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, INDArray> eldest) {
            if (size() > CAPACITY) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    /** An array of {@code type} and {@code shape} filled with {@code value} when created; callers must not write it. */
    INDArray constant(double value, DataType type, long... shape) {
        return arrays.computeIfAbsent("constant " + value + ":" + type + ":" + Arrays.toString(shape),
                key -> Nd4j.createUninitialized(type, shape, 'c').assign(value));
    }

    /** An array of {@code type} and {@code shape} for slot {@code slot}; contents are left over. */
    INDArray get(int slot, DataType type, long... shape) {
        return arrays.computeIfAbsent(slot + ":" + type + ":" + Arrays.toString(shape),
                key -> Nd4j.createUninitialized(type, shape, 'c'));
    }
}
