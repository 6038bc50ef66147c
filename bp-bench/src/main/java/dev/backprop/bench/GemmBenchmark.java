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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W3: GEMM through the SPI on each backend ({@code gemm}) and raw ND4J {@code Nd4j.gemm}
 * ({@code nd4jRaw}, the yardstick), per {@link GemmShape}. GFLOPS = {@link GemmShape#flops()} / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {

    /** Backend name as {@code Backends.get} takes it. */
    @Param({"pure", "ejml", "nd4j"})
    public String backend;

    /** {@code float32} or {@code float64}. */
    @Param({"float32", "float64"})
    public String dtype;

    /** The product. */
    @Param({"SQUARE_1024", "FORWARD", "WEIGHT_GRADIENT", "INPUT_GRADIENT"})
    public GemmShape shape;

    private GemmCase spi;
    private Nd4jGemmCase raw;

    /** Allocates the operands. */
    @Setup(Level.Trial)
    public void setUp() {
        spi = new GemmCase(Backends.get(backend), DType.parse(dtype), shape);
        raw = backend.equals("nd4j") ? new Nd4jGemmCase(dtype.equals("float64"), shape) : null;
    }

    /** Frees the operands. */
    @TearDown(Level.Trial)
    public void tearDown() {
        spi.close();
    }

    /** Through the SPI. */
    @Benchmark
    public Object gemm() {
        spi.run();
        return spi.result();
    }

    /** Raw {@code Nd4j.gemm} (only meaningful with {@code backend=nd4j}; the others repeat the SPI call). */
    @Benchmark
    public Object nd4jRaw() {
        if (raw == null) {
            spi.run();
            return spi.result();
        }
        raw.run();
        return raw.result();
    }
}
