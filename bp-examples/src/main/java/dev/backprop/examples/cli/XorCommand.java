package dev.backprop.examples.cli;

import dev.backprop.examples.xor.XorExample;
import dev.backprop.spi.DType;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bp xor}: the tutorial's 2-5-1 network learning XOR. */
@Command(name = "xor", mixinStandardHelpOptions = true,
        description = "Train the backprop tutorial's 2-5-1 sigmoid network on XOR (MSE, gradient descent).")
final class XorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Option(names = "--epochs", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
    int epochs = XorExample.Settings.defaults().epochs();

    @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = XorExample.Settings.defaults().learningRate();

    @Option(names = "--seed", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
    long seed = XorExample.Settings.defaults().seed();

    @Option(names = "--print-every", description = "Print the loss every N epochs, 0 for never (default: ${DEFAULT-VALUE}).")
    int printEvery = XorExample.Settings.defaults().printEvery();

    @Override
    public Integer call() {
        if (printEvery < 0) {
            throw new ParameterException(spec.commandLine(), "--print-every must be >= 0 (0: never), got " + printEvery);
        }
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        PrintWriter out = spec.commandLine().getOut();
        XorExample.Result result = XorExample.run(backendOption.backend(), backendOption.dtype(DType.FLOAT64),
                new XorExample.Settings(epochs, learningRate, seed, printEvery), out);
        if (!result.converged()) {
            spec.commandLine().getErr().println("XOR did not converge (an output is on the wrong side of 0.5 or the "
                    + "MSE is >= 0.01); try more --epochs or another --lr");
            return 1;
        }
        return 0;
    }
}
