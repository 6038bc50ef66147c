package dev.backprop.backend.nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libnd4j custom ops run through native op contexts that are made once per op and argument list and
 * reused. {@code Nd4j.exec(customOp)} builds a native context for every call, and
 * {@link OpContext#setIArguments} copies its arguments into a new native buffer every time, both freed
 * only when the garbage collector finds them; a cached context sets its arguments once and afterwards
 * only points at the call's arrays. Keeps the most recently used contexts and closes the rest. Not
 * thread-safe.
 */
final class NativeOps {

    private static final int CAPACITY = 32;

    private final Map<String, Call> calls = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Call> eldest) {
            if (size() > CAPACITY) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    /**
     * Runs libnd4j's op {@code name} with integer arguments {@code integers} (the op's {@code iArgs})
     * on {@code inputs}, writing {@code outputs}.
     *
     * @throws IllegalStateException with libnd4j's message if the op fails
     */
    void run(String name, long[] integers, INDArray[] inputs, INDArray[] outputs) {
        calls.computeIfAbsent(name + Arrays.toString(integers), key -> new Call(name, integers)).run(inputs, outputs);
    }

    /** One op with its context and fixed arguments. */
    private static final class Call implements AutoCloseable {
        private final DynamicCustomOp op;
        private final OpContext context;

        Call(String name, long[] integers) {
            op = DynamicCustomOp.builder(name).build();
            context = Nd4j.getExecutioner().buildContext();
            context.setIArguments(integers);
        }

        void run(INDArray[] inputs, INDArray[] outputs) {
            context.setInputArrays(inputs);
            context.setOutputArrays(outputs);
            try {
                Nd4j.getExecutioner().exec(op, context);
            } catch (RuntimeException e) {
                throw new IllegalStateException("libnd4j op " + op.opName() + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                context.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not free the native context of " + op.opName(), e);
            }
        }
    }
}
