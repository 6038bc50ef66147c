package dev.backprop.examples.cli;

import dev.backprop.examples.explain.ExplainPrinter;
import dev.backprop.examples.explain.XorStep;
import dev.backprop.spi.DType;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bp explain xor}: one training step of the tutorial's network, every value printed. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show one gradient-descent step of the tutorial's 2-5-1 XOR network value by value: inputs, "
                + "z, a, the loss J, then backwards ∂J/∂a, δ = ∂J/∂z, ∂J/∂W, ∂J/∂b, ∂J/∂x, each beside its central "
                + "finite difference, then the updated weights. See docs/backpropagation.md."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Parameters(index = "0", paramLabel = "NETWORK", description = "The network to explain: xor.")
    String network;

    @Option(names = "--step", paramLabel = "N",
            description = "Show step N of training instead of the first (default: ${DEFAULT-VALUE}).")
    int step = XorStep.Settings.defaults().step();

    @Option(names = "--lr", description = "Learning rate α (default: ${DEFAULT-VALUE}).")
    double learningRate = XorStep.Settings.defaults().learningRate();

    @Option(names = "--seed", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
    long seed = XorStep.Settings.defaults().seed();

    @Option(names = "--json", description = "Print the same values as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (!"xor".equals(network)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Unknown network '" + network + "'; bp explain knows: xor");
        }
        XorStep.Settings settings;
        try {
            settings = new XorStep.Settings(step, learningRate, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ExplainPrinter.print(XorStep.explain(backendOption.backend(), backendOption.dtype(DType.FLOAT64), settings),
                json, spec.commandLine().getOut());
        return 0;
    }
}
