package dev.backprop.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.loss.Loss;
import dev.backprop.loss.ModelLoss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.optim.Sgd;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.OpFamily;
import dev.backprop.spi.Tensor;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Steady-state training steps allocate nothing on the Java heap, for a backend that promises it
 * ({@link BackendConformance#allocationFreeSteps()}): after warm-up, a window of steps (upload the
 * batch, forward, loss, backward, optimizer) adds 0 bytes to the calling thread's allocation counter.
 * Such a step has no allocation in its code, so the count is exact in the interpreter; while the JIT
 * compiles, a window can still see a few hundred bytes (up to 2.8 KB measured), so the check takes up
 * to {@value #WINDOWS} windows and passes at the first empty one (measured in fresh JVMs, pure and EJML,
 * 18 runs of all six networks: the first empty window was never later than the third). A step that allocates anything (one eagerly built error
 * message, one varargs array of operand checks, one iterator) fills every window and fails. The
 * networks are small enough that every product runs on the calling thread.
 */
public abstract class AllocationChecks {

    private static final int WARM_UP_STEPS = 200;
    private static final int STEPS_PER_WINDOW = 200;
    private static final int WINDOWS = 30;

    private final BackendConformance kit;

    /** For the kit's nested class. */
    protected AllocationChecks(BackendConformance kit) {
        this.kit = kit;
    }

    /**
     * W2's network (XOR 2-5-1, sigmoid, MSE, plain gradient descent), a classifier and, where the backend
     * convolves, a small CNN, in both precisions.
     */
    @TestFactory
    Stream<DynamicTest> steadyStateStepsAllocateNothing() {
        return Stream.of(DType.FLOAT32, DType.FLOAT64).flatMap(dtype -> Stream.of(
                DynamicTest.dynamicTest("XOR " + dtype.id(), () -> xorStep(dtype)),
                DynamicTest.dynamicTest("classifier " + dtype.id(), () -> classifierStep(dtype)),
                DynamicTest.dynamicTest("CNN " + dtype.id(), () -> convolutionalStep(dtype))));
    }

    private void xorStep(DType dtype) {
        Sequential.Builder network = Sequential.builder().input(2).dense(5, Activation.sigmoid())
                .dense(1, Activation.sigmoid());
        assertNoAllocation("XOR 2-5-1, sigmoid, MSE, gradient descent", dtype, network, 4, Loss.mse(),
                Optimizer.gradientDescent(2.0), new double[] {0, 0, 0, 1, 1, 0, 1, 1}, new double[] {0, 1, 1, 0});
    }

    /** ReLU and tanh layers, softmax cross-entropy, SGD with Nesterov momentum and weight decay. */
    private void classifierStep(DType dtype) {
        int rows = 8;
        double[][] x = Networks.uniform(11, rows, 12, -1, 1);
        double[] targets = new double[rows * 3];
        for (int r = 0; r < rows; r++) {
            targets[r * 3 + r % 3] = 1;
        }
        Sequential.Builder network = Sequential.builder().input(12).dense(16, Activation.relu())
                .dense(8, Activation.tanh()).dense(3);
        Optimizer sgd = Sgd.builder(0.05).momentum(0.9).nesterov(true).weightDecay(1e-4).build();
        assertNoAllocation("MLP 12-16-8-3, ReLU and tanh, softmax cross-entropy, SGD with Nesterov momentum", dtype,
                network, rows, Loss.softmaxCrossEntropy(), sgd, NumericAssertions.flatten(x), targets);
    }

    /** Convolution with padding and ReLU, max and average pooling, flatten, dense; SGD with momentum. */
    private void convolutionalStep(DType dtype) {
        assumeTrue(kit.backend().families().contains(OpFamily.CONVOLUTION), "the backend does not convolve");
        int rows = 4;
        double[][] x = Networks.uniform(12, rows, 64, -1, 1);
        double[] targets = new double[rows * 3];
        for (int r = 0; r < rows; r++) {
            targets[r * 3 + r % 3] = 1;
        }
        Sequential.Builder network = Sequential.builder().input(1, 8, 8).conv2d(4, 3, 1, Activation.relu())
                .maxPool2d(2).avgPool2d(2).flatten().dense(3);
        assertNoAllocation("CNN conv 4 3x3 pad 1, max pool 2, average pool 2, dense 3, SGD with momentum", dtype,
                network, rows, Loss.softmaxCrossEntropy(), Optimizer.momentum(0.01, 0.9), NumericAssertions.flatten(x),
                targets);
    }

    private void assertNoAllocation(String what, DType dtype, Sequential.Builder network, int rows, Loss loss,
            Optimizer optimizer, double[] features, double[] targets) {
        assumeTrue(kit.allocationFreeSteps(), "backend " + kit.backend().name()
                + " does not promise allocation-free training steps (BackendConformance.allocationFreeSteps)");
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean counter
                && counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count the bytes a thread allocates");
        var counter = (com.sun.management.ThreadMXBean) threads;
        Backend backend = kit.backend();
        try (Sequential model = network.dtype(dtype).seed(5).backend(backend).build();
                Tensor x = backend.allocate(dtype, model.inputBatchShape(rows));
                Tensor t = backend.allocate(dtype, rows, targets.length / rows);
                optimizer;
                loss) {
            ModelLoss step = new ModelLoss(model, loss);
            for (int i = 0; i < WARM_UP_STEPS; i++) {
                step(backend, model, step, optimizer, features, targets, x, t);
            }
            long fewest = Long.MAX_VALUE;
            for (int window = 0; window < WINDOWS && fewest > 0; window++) {
                long before = counter.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < STEPS_PER_WINDOW; i++) {
                    step(backend, model, step, optimizer, features, targets, x, t);
                }
                fewest = Math.min(fewest, counter.getCurrentThreadAllocatedBytes() - before);
            }
            assertEquals(0, fewest, what + ", " + dtype.id() + " on " + backend.name() + ": each of " + WINDOWS
                    + " windows of " + STEPS_PER_WINDOW + " steady-state steps allocated, the fewest " + fewest
                    + " bytes (" + fewest / STEPS_PER_WINDOW + " per step); find them with JFR's "
                    + "jdk.ObjectAllocationSample or JMH -prof gc");
        }
    }

    private static void step(Backend backend, Sequential model, ModelLoss step, Optimizer optimizer,
            double[] features, double[] targets, Tensor x, Tensor t) {
        backend.upload(features, 0, x);
        backend.upload(targets, 0, t);
        step.forward(x, t, true);
        step.backward(false);
        optimizer.step(model.parameters());
    }
}
