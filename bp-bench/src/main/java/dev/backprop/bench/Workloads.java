package dev.backprop.bench;

import dev.backprop.backend.Backends;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The workloads of {@code bench/side-by-side} that the {@code bp} command line does not run, one
 * result per line ({@code RESULT <workload> <system> <metric> <value>}, tab-separated). Several
 * systems (comma-separated) are measured in turn for each case, so that they see the same machine:
 * <ul>
 *   <li>{@code w2 BACKEND,...}: XOR 2-5-1 through {@code Trainer.fit}, µs per step;</li>
 *   <li>{@code w3 BACKEND,...}: GEMM through the SPI, GFLOPS per {@link GemmShape} in float32 and
 *       float64; the system {@code nd4j-raw} is raw {@code Nd4j.gemm}.</li>
 *   <li>{@code w1bound BACKEND,...}: the samples/s W1 would reach if its step did nothing but its eight
 *       products (forward and weight gradient of the three layers, input gradient of the last two; float32,
 *       batch 128), the GEMM-bound limit a backend's W1 is compared with.</li>
 * </ul>
 * W1 is {@code bp bench train}.
 */
public final class Workloads {

    private static final int XOR_STEPS_PER_RUN = 200;

    private Workloads() {
    }

    /**
     * Runs one workload.
     *
     * @param args {@code w2|w3 SYSTEM[,SYSTEM...] [SECONDS_PER_WINDOW]}
     */
    public static void main(String[] args) {
        if (args.length < 2 || !(args[0].equals("w2") || args[0].equals("w3") || args[0].equals("w1bound"))) {
            throw new IllegalArgumentException("usage: Workloads w1bound|w2|w3 BACKEND|nd4j-raw[,...] "
                    + "[seconds per window], got " + String.join(" ", args));
        }
        String[] systems = args[1].split(",");
        double window = args.length > 2 ? Double.parseDouble(args[2]) : 0.3;
        if (args[0].equals("w1bound")) {
            for (String system : systems) {
                mlpGemmBound(Backends.get(system), window);
            }
            return;
        }
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            if (args[0].equals("w2")) {
                for (String system : systems) {
                    xor(Backends.get(system), dtype, window);
                }
            } else {
                for (GemmShape shape : GemmShape.values()) {
                    for (String system : systems) {
                        gemm(system, dtype, shape, window);
                    }
                }
            }
        }
    }

    private static void gemm(String system, DType dtype, GemmShape shape, double window) {
        String workload = "W3 " + shape.label() + " " + dtype.id();
        if (system.equals("nd4j-raw")) {
            Nd4jGemmCase gemm = new Nd4jGemmCase(dtype == DType.FLOAT64, shape);
            report(workload, system, "GFLOPS", shape.flops() / Timing.nanosPerOperation(gemm::run, 4 * window, window));
            return;
        }
        Backend backend = Backends.get(system);
        try (GemmCase gemm = new GemmCase(backend, dtype, shape)) {
            report(workload, backend.name(), "GFLOPS",
                    shape.flops() / Timing.nanosPerOperation(gemm::run, 4 * window, window));
        }
    }

    private static void mlpGemmBound(Backend backend, double window) {
        int batch = 128;
        int[] widths = {784, 256, 128, 10};
        List<GemmCase> products = new ArrayList<>();
        try {
            for (int layer = 0; layer < widths.length - 1; layer++) {
                int in = widths[layer];
                int out = widths[layer + 1];
                products.add(new GemmCase(backend, DType.FLOAT32, false, false, batch, out, in));
                products.add(new GemmCase(backend, DType.FLOAT32, true, false, in, out, batch));
                if (layer > 0) {
                    products.add(new GemmCase(backend, DType.FLOAT32, false, true, batch, in, out));
                }
            }
            double nanos = Timing.nanosPerOperation(() -> products.forEach(GemmCase::run), 4 * window, window);
            report("W1 MLP GEMM bound", backend.name(), "samples/s", batch * 1e9 / nanos);
        } finally {
            products.forEach(GemmCase::close);
        }
    }

    private static void xor(Backend backend, DType dtype, double window) {
        try (XorTraining xor = new XorTraining(backend, dtype, XOR_STEPS_PER_RUN)) {
            double micros = Timing.nanosPerOperation(xor::run, 4 * window, window) / XOR_STEPS_PER_RUN / 1e3;
            report("W2 XOR step " + dtype.id(), backend.name(), "us/step", micros);
        }
    }

    private static void report(String workload, String system, String metric, double value) {
        System.out.printf(Locale.ROOT, "RESULT\t%s\t%s\t%s\t%.4g%n", workload, system, metric, value);
        System.out.flush();
    }
}
