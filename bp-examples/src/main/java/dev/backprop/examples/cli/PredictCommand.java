package dev.backprop.examples.cli;

import dev.backprop.data.Dataset;
import dev.backprop.data.FashionMnist;
import dev.backprop.io.ModelFile;
import dev.backprop.nn.Sequential;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bp predict}: classify images with a saved Fashion-MNIST model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify images with a saved Fashion-MNIST model: PNG files (scaled to 28x28 grey), or "
                + "test:N for test image N of --data.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Mixin
    DataOption dataOption;

    @Mixin
    BackendOption backendOption;

    @Option(names = "--invert", description = "Invert PNG greys (for dark objects on a light background; "
            + "Fashion-MNIST's are light on black).")
    boolean invert;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "A PNG file or test:N.")
    List<String> images;

    @Override
    public Integer call() throws IOException {
        double[][] inputs = new double[images.size()][];
        List<String> truth = new ArrayList<>();
        Dataset test = null;
        for (int i = 0; i < images.size(); i++) {
            String image = images.get(i);
            if (image.startsWith("test:")) {
                if (test == null) {
                    test = dataOption.loadTest();
                }
                int index = testIndex(image, test.size());
                inputs[i] = test.features(index);
                truth.add(" (label: " + FashionMnist.CLASSES.get(test.label(index).orElseThrow()) + ")");
            } else {
                inputs[i] = ImageInput.read(Path.of(image), invert);
                truth.add("");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        ModelFile.Saved saved = modelOption.load(backendOption.backend(), backendOption.dtype);
        try (Sequential model = saved.model()) {
            if (model.inputSize() != FashionMnist.PIXELS || model.outputSize() != FashionMnist.CLASSES.size()) {
                throw new ParameterException(spec.commandLine(), modelOption.model + " is not a Fashion-MNIST "
                        + "classifier (it maps " + model.inputSize() + " inputs to " + model.outputSize() + ")");
            }
            double[][] outputs = model.predict(inputs);
            for (int i = 0; i < images.size(); i++) {
                double[] p = probabilities(outputs[i]);
                int best = 0;
                for (int c = 0; c < p.length; c++) {
                    if (p[c] > p[best]) {
                        best = c;
                    }
                }
                int second = best == 0 ? 1 : 0;
                for (int c = 0; c < p.length; c++) {
                    if (c != best && p[c] > p[second]) {
                        second = c;
                    }
                }
                out.printf(Locale.ROOT, "%s: %s %.1f%%, then %s %.1f%%%s%n", images.get(i), FashionMnist.CLASSES.get(best),
                        100 * p[best], FashionMnist.CLASSES.get(second), 100 * p[second], truth.get(i));
            }
        }
        out.flush();
        return 0;
    }

    private int testIndex(String image, int size) {
        try {
            int index = Integer.parseInt(image.substring("test:".length()));
            if (index < 0 || index >= size) {
                throw new ParameterException(spec.commandLine(), image + ": the test set has images 0.." + (size - 1));
            }
            return index;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), image + ": expected test:N with a number N");
        }
    }

    /** The output as probabilities: as it is if it already sums to 1, else through a softmax. */
    private static double[] probabilities(double[] output) {
        double sum = 0;
        boolean nonNegative = true;
        for (double v : output) {
            sum += v;
            nonNegative &= v >= 0;
        }
        if (nonNegative && Math.abs(sum - 1) < 1e-3) {
            return output;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : output) {
            max = Math.max(max, v);
        }
        double[] p = new double[output.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(output[i] - max);
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return p;
    }
}
