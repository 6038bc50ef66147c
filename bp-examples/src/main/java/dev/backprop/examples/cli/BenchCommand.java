package dev.backprop.examples.cli;

import dev.backprop.examples.bench.MemoryBenchmark;
import dev.backprop.examples.bench.TrainingBenchmark;
import dev.backprop.examples.fashion.Architecture;
import dev.backprop.examples.fashion.FashionMnistTraining;
import dev.backprop.spi.DType;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    private static void check(boolean ok, CommandSpec spec, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** {@code bp bench train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Samples/s of the Fashion-MNIST MLP or CNN (--arch) with the bp train defaults, on random data.")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BackendOption backendOption;

        @Option(names = "--arch", paramLabel = "ARCH", converter = ArchitectureConverter.class,
                description = "The network: mlp or cnn (default: ${DEFAULT-VALUE}).")
        Architecture architecture = Architecture.MLP;

        @Option(names = "--hidden", split = ",",
                description = "Hidden dense layer sizes (default: 256,128 for mlp, 128 for cnn).")
        int[] hidden;

        @Option(names = "--filters", split = ",", description = "cnn only: filters per convolution block (default: 32,64).")
        int[] filters;

        @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch = 128;

        @Option(names = "--samples", description = "Samples per epoch (default: ${DEFAULT-VALUE}).")
        int samples = 20_000;

        @Option(names = "--epochs", description = "Epochs; the first is warm-up (default: ${DEFAULT-VALUE}).")
        int epochs = 4;

        @Override
        public Integer call() {
            FashionMnistTraining.Settings defaults;
            try {
                defaults = FashionMnistTraining.Settings.defaults(architecture).withLayers(this.hidden, this.filters);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            int[] hidden = defaults.hidden();
            int[] filters = defaults.filters();
            check(batch >= 1, spec, "--batch must be at least 1");
            check(samples >= 1, spec, "--samples must be at least 1");
            check(epochs >= 1, spec, "--epochs must be at least 1");
            DType dtype = backendOption.dtype(DType.FLOAT32);
            HeapCheck heap = new HeapCheck(spec.commandLine());
            heap.randomData(samples, TrainingBenchmark.FEATURES, TrainingBenchmark.CLASSES, "--samples");
            if (architecture == Architecture.MLP) {
                heap.mlp(TrainingBenchmark.FEATURES, hidden, TrainingBenchmark.CLASSES, dtype, "--hidden");
            }
            FashionMnistTraining.Settings settings = new FashionMnistTraining.Settings(dtype, epochs, batch,
                    defaults.learningRate(), hidden, defaults.seed(), 0, defaults.dropout(), 0, defaults.schedule(), 0,
                    architecture, filters, defaults.shift());
            TrainingBenchmark.run(backendOption.backend(), settings, samples, spec.commandLine().getOut());
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
            check(xorSteps >= 1, spec, "--xor-steps must be at least 1");
            check(mlpEpochs >= 1, spec, "--mlp-epochs must be at least 1");
            check(mlpSamples >= 1, spec, "--mlp-samples must be at least 1");
            new HeapCheck(spec.commandLine()).randomData(mlpSamples, MemoryBenchmark.MLP_FEATURES,
                    MemoryBenchmark.MLP_CLASSES, "--mlp-samples");
            MemoryBenchmark.run(backendOption.backend(), backendOption.dtype(DType.FLOAT32), xorSteps, mlpEpochs,
                    mlpSamples, spec.commandLine().getOut());
            return 0;
        }
    }
}
