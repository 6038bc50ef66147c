package dev.backprop.examples.cli;

import dev.backprop.examples.bench.MemoryBenchmark;
import dev.backprop.examples.bench.TrainingBenchmark;
import dev.backprop.spi.DType;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bp bench}: throughput and memory measurements on random data (no download needed). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a backend: training throughput (train) or memory over long runs (memory).",
        subcommands = {BenchCommand.Train.class, BenchCommand.Memory.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code bp bench train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Samples/s of an MLP with the Fashion-MNIST defaults, on random data.")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BackendOption backendOption;

        @Option(names = "--hidden", split = ",", description = "Hidden layer sizes (default: 256,128).")
        int[] hidden = {256, 128};

        @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch = 128;

        @Option(names = "--samples", description = "Samples per epoch (default: ${DEFAULT-VALUE}).")
        int samples = 20_000;

        @Option(names = "--epochs", description = "Epochs; the first is warm-up (default: ${DEFAULT-VALUE}).")
        int epochs = 4;

        @Override
        public Integer call() {
            TrainingBenchmark.run(backendOption.backend(), backendOption.dtype(DType.FLOAT32), hidden, batch, samples,
                    epochs, spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code bp bench memory}. */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Resident memory and heap while XOR trains for many steps and a 784-256-10 MLP trains.")
    static final class Memory implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BackendOption backendOption;

        @Option(names = "--xor-steps", description = "XOR steps (default: ${DEFAULT-VALUE}).")
        int xorSteps = 20_000;

        @Option(names = "--mlp-epochs", description = "Epochs of the 784-256-10 network (default: ${DEFAULT-VALUE}).")
        int mlpEpochs = 2;

        @Option(names = "--mlp-samples", description = "Random samples per epoch (default: ${DEFAULT-VALUE}).")
        int mlpSamples = 60_000;

        @Override
        public Integer call() {
            MemoryBenchmark.run(backendOption.backend(), backendOption.dtype(DType.FLOAT32), xorSteps, mlpEpochs,
                    mlpSamples, spec.commandLine().getOut());
            return 0;
        }
    }
}
