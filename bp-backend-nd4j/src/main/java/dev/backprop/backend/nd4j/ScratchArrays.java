package dev.backprop.backend.nd4j;

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

    /** A {@code [rows, cols]} array of {@code type} for slot {@code slot}; contents are left over. */
    INDArray get(int slot, DataType type, long rows, long cols) {
        return arrays.computeIfAbsent(slot + ":" + type + ":" + rows + "x" + cols,
                key -> Nd4j.createUninitialized(type, new long[] {rows, cols}, 'c'));
    }
}
