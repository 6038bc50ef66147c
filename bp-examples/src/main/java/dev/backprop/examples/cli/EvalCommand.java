package dev.backprop.examples.cli;

import dev.backprop.data.Dataset;
import dev.backprop.data.FashionMnist;
import dev.backprop.eval.ConfusionMatrix;
import dev.backprop.eval.Evaluation;
import dev.backprop.io.ModelFile;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Sequential;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bp eval}: a saved model's accuracy, per-class table and confusion matrix on the test images. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a saved Fashion-MNIST model on the 10,000 test images: accuracy, per-class "
                + "precision and recall, confusion matrix.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Mixin
    DataOption dataOption;

    @Mixin
    BackendOption backendOption;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ModelFile.Saved saved = modelOption.load(backendOption.backend(), backendOption.dtype);
        Dataset test = dataOption.loadTest();
        try (Sequential model = saved.model(); Loss loss = Loss.parse(saved.metadata().getOrDefault("loss",
                "softmax_cross_entropy"))) {
            Evaluation evaluation = Evaluation.of(model, loss, test);
            ConfusionMatrix matrix = evaluation.confusion().orElseThrow();
            List<String> classes = FashionMnist.CLASSES;
            out.printf(Locale.ROOT, "%s on backend %s, %s: %,d test images%n", modelOption.model,
                    model.backend().name(), model.dtype().id(), evaluation.samples());
            out.printf(Locale.ROOT, "accuracy %.2f%%  loss %.4f%n%n", 100 * evaluation.accuracy(), evaluation.loss());
            out.printf(Locale.ROOT, "%-3s %-12s %9s %7s %6s %7s%n", "", "class", "precision", "recall", "f1", "images");
            for (int c = 0; c < classes.size(); c++) {
                long images = 0;
                for (int p = 0; p < classes.size(); p++) {
                    images += matrix.count(c, p);
                }
                out.printf(Locale.ROOT, "%-3d %-12s %8.2f%% %6.2f%% %6.3f %7d%n", c, classes.get(c),
                        100 * matrix.precision(c), 100 * matrix.recall(c), matrix.f1(c), images);
            }
            out.println();
            out.println("confusion matrix (rows: true class, columns: predicted class)");
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-16s", ""));
            for (int p = 0; p < classes.size(); p++) {
                header.append(String.format(Locale.ROOT, "%6d", p));
            }
            out.println(header);
            for (int c = 0; c < classes.size(); c++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-3d %-12s", c, classes.get(c)));
                for (int p = 0; p < classes.size(); p++) {
                    row.append(String.format(Locale.ROOT, "%6d", matrix.count(c, p)));
                }
                out.println(row);
            }
            out.flush();
        }
        return 0;
    }
}
