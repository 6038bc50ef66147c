package dev.backprop.bench;

import dev.backprop.backend.Backends;
import dev.backprop.spi.DType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training steps: {@code step} is one bare step of W2's XOR or W1's MLP (run with {@code -prof gc}
 * for the bytes a steady-state step allocates); {@code xorThroughTrainer} is W2 as a user runs it,
 * 100 one-step epochs of {@code Trainer.fit} per invocation, reported per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TrainingStepBenchmark {

    /** Backend name as {@code Backends.get} takes it. */
    @Param({"pure", "ejml", "nd4j"})
    public String backend;

    /** {@code xor} (W2) or {@code mlp} (W1). */
    @Param({"xor", "mlp"})
    public String network;

    /** {@code float32} or {@code float64}. */
    @Param({"float32"})
    public String dtype;

    private TrainingStep step;
    private XorTraining trainer;

    /** Builds the networks. */
    @Setup(Level.Trial)
    public void setUp() {
        DType type = DType.parse(dtype);
        step = network.equals("xor") ? TrainingStep.xor(Backends.get(backend), type)
                : TrainingStep.mlp(Backends.get(backend), type);
        trainer = new XorTraining(Backends.get(backend), type, 100);
    }

    /** Frees them. */
    @TearDown(Level.Trial)
    public void tearDown() {
        step.close();
        trainer.close();
    }

    /** One bare step. */
    @Benchmark
    public double step() {
        return step.run();
    }

    /** W2 through the trainer, per step (the {@code network} parameter does not apply). */
    @Benchmark
    @OperationsPerInvocation(100)
    public double xorThroughTrainer() {
        return trainer.run();
    }
}
