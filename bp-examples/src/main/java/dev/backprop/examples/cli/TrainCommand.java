package dev.backprop.examples.cli;

import dev.backprop.data.FashionMnist;
import dev.backprop.eval.Evaluation;
import dev.backprop.examples.fashion.Architecture;
import dev.backprop.examples.fashion.FashionMnistTraining;
import dev.backprop.examples.fashion.SparkFashionMnistTraining;
import dev.backprop.examples.report.TrainingReport;
import dev.backprop.io.ModelFile;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.train.EpochResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bp train}: training programs on real data sets. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a network on a data set.",
        subcommands = TrainCommand.FashionMnistCommand.class)
final class TrainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a data set, e.g. `bp train fashion-mnist`");
    }

    /** {@code bp train fashion-mnist}. */
    @Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
            description = "Train an MLP (default 784-256-128-10, ReLU) or a CNN (--arch cnn: conv 32 → pool → conv 64 → "
                    + "pool → dense 128) with softmax cross-entropy and Adam on Fashion-MNIST, and report its test "
                    + "accuracy.")
    static final class FashionMnistCommand implements Callable<Integer> {

        private static final FashionMnistTraining.Settings DEFAULTS = FashionMnistTraining.Settings.defaults();

        @Spec
        CommandSpec spec;

        @Mixin
        BackendOption backendOption;

        @Mixin
        DataOption dataOption;

        @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
        int epochs = DEFAULTS.epochs();

        @Option(names = "--batch", description = "Batch size (default: 128 for mlp, 64 for cnn).")
        Integer batch;

        @Option(names = "--lr", description = "Adam's initial learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate = DEFAULTS.learningRate();

        @Option(names = "--arch", paramLabel = "ARCH", converter = ArchitectureConverter.class,
                description = "The network: mlp or cnn (default: ${DEFAULT-VALUE}).")
        Architecture architecture = Architecture.MLP;

        @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]",
                description = "Hidden dense layer sizes (default: 256,128 for mlp, 128 for cnn).")
        int[] hidden;

        @Option(names = "--filters", split = ",", paramLabel = "N[,N...]",
                description = "cnn only: filters of each convolution block, 3x3 conv + ReLU + 2x2 max pooling "
                        + "(default: 32,64).")
        int[] filters;

        @Option(names = "--seed", description = "Seed of weights, shuffling, split and dropout (default: ${DEFAULT-VALUE}).")
        long seed = DEFAULTS.seed();

        @Option(names = "--schedule", converter = ScheduleConverter.class, paramLabel = "SCHEDULE",
                description = "Learning rate per epoch: constant, cosine[:MIN] or step:EVERY:FACTOR (default: cosine).")
        LearningRateSchedule schedule = DEFAULTS.schedule();

        @Option(names = "--validation", paramLabel = "FRACTION",
                description = "Share of the training images held out for validation, 0 for none (default: 1/12, "
                        + "5,000 images).")
        double validation = DEFAULTS.validation();

        @Option(names = "--dropout", paramLabel = "RATE",
                description = "Dropout after each hidden dense layer (default: 0 for mlp, the cnn default for cnn).")
        Double dropout;

        @Option(names = "--shift", paramLabel = "PIXELS",
                description = "Augment: move each training image by up to this many pixels in each direction, at "
                        + "random (0 for none; default: the architecture's).")
        Integer shift;

        @Option(names = "--early-stopping", paramLabel = "PATIENCE",
                description = "Stop after this many epochs without a better validation loss and keep the best "
                        + "epoch's weights; 0 for off (default: 0).")
        int patience = DEFAULTS.patience();

        @Option(names = "--clip", paramLabel = "NORM", description = "Clip the gradients' global norm; 0 for off.")
        double clip = DEFAULTS.clipNorm();

        @Option(names = "--spark", paramLabel = "MASTER",
                description = "Train on Apache Spark with this master (local[2], spark://host:7077, yarn, ...); the data "
                        + "folder must exist on every executor. A master set by spark-submit wins.")
        String sparkMaster;

        @Option(names = "--out", paramLabel = "FILE", description = "Save the trained model here (safetensors).")
        Path out;

        @Option(names = "--plot", paramLabel = "FILE.png",
                description = "Loss and accuracy per epoch as a PNG (default: ${DEFAULT-VALUE}); the same numbers go to "
                        + "the .csv beside it.")
        Path plot = Path.of("fashion-mnist-training.png");

        @Option(names = "--no-plot", description = "Write neither the plot nor the CSV.")
        boolean noPlot;

        @Option(names = "--progress", paramLabel = "MODE",
                description = "bar (a progress bar per epoch), lines (a line per epoch) or auto: bar on a terminal "
                        + "(default: ${DEFAULT-VALUE}).")
        String progress = "auto";

        @Override
        public Integer call() throws IOException {
            FashionMnistTraining.Settings settings = settings();
            PrintWriter console = spec.commandLine().getOut();
            if (out != null) {
                ModelFile.checkWritable(out);
            }
            boolean writePlot = !noPlot && plotWritable();
            Backend backend = backendOption.backend();
            long start = System.nanoTime();
            FashionMnist data = dataOption.load();
            console.printf(Locale.ROOT, "Fashion-MNIST from %s: %,d training and %,d test images (%.2f s)%n",
                    dataOption.data, data.train().size(), data.test().size(), (System.nanoTime() - start) / 1e9);
            console.printf(Locale.ROOT, "%s, %s, backend %s; Adam lr %s, batch %d, %d epochs%n",
                    settings.architecture().describe(settings), settings.dtype().id(), backend.name(), learningRate,
                    settings.batch(), epochs);
            console.flush();
            FashionMnistTraining.Result result;
            try (ProgressReporter reporter = new ProgressReporter(console, showBar() ? System.err : null)) {
                result = sparkMaster == null
                        ? FashionMnistTraining.run(backend, settings, data.train(), data.test(), reporter)
                        : SparkFashionMnistTraining.run(sparkMaster, 0, backend, settings, dataOption.data, data,
                                reporter);
            }
            try (var model = result.model()) {
                List<EpochResult> history = result.history().epochs();
                Evaluation test = result.test();
                console.printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) after %d epochs%s; median %,.0f samples/s, "
                        + "%.1f s per epoch%n", 100 * test.accuracy(), test.loss(), history.size(),
                        result.history().stoppedEarly() ? " (early stopping, best epoch " + result.history().bestEpoch()
                                + ")" : "", median(history.stream().mapToDouble(EpochResult::samplesPerSecond).toArray()),
                        median(history.stream().mapToDouble(e -> e.duration().toNanos() / 1e9).toArray()));
                if (out != null) {
                    ModelFile.save(model, out, metadata(backend, settings, result));
                    console.println("model saved to " + out + " (evaluate with: bp eval --model " + out + ")");
                }
                if (writePlot) {
                    writeReport(console, history, backend.name());
                }
            }
            return 0;
        }

        /** Whether the plot and CSV can be written; if not, a warning now, and training goes on without them. */
        private boolean plotWritable() {
            for (Path file : List.of(plot, siblingWithExtension(plot, ".csv"))) {
                Path folder = file.toAbsolutePath().getParent();
                String problem = folder == null || !Files.isDirectory(folder) ? "the folder " + folder + " does not exist"
                        : Files.isDirectory(file) ? "it is a folder"
                        : !Files.isWritable(folder) || Files.exists(file) && !Files.isWritable(file) ? "it is read-only"
                        : null;
                if (problem != null) {
                    warn("cannot write " + file + " (" + problem + "); training without the plot and CSV (--plot FILE.png "
                            + "elsewhere, or --no-plot)");
                    return false;
                }
            }
            return true;
        }

        /** The plot and CSV after the model is safe: a failure is a warning, never a lost run. */
        private void writeReport(PrintWriter console, List<EpochResult> history, String backendName) {
            Path csv = siblingWithExtension(plot, ".csv");
            try {
                TrainingReport.writePlot(history, "Fashion-MNIST (" + backendName + ")", plot);
                TrainingReport.writeCsv(history, csv);
                console.println("plot: " + plot + ", numbers: " + csv);
            } catch (IOException | RuntimeException e) {
                warn("cannot write the plot " + plot + " or " + csv + " (" + e.getMessage() + ")");
            }
        }

        private void warn(String message) {
            spec.commandLine().getErr().println("bp train fashion-mnist: warning: " + message);
            spec.commandLine().getErr().flush();
        }

        private boolean showBar() {
            return switch (progress) {
                case "bar" -> true;
                case "lines" -> false;
                default -> System.console() != null;
            };
        }

        private FashionMnistTraining.Settings settings() {
            FashionMnistTraining.Settings defaults = layers(FashionMnistTraining.Settings.defaults(architecture));
            int[] hidden = defaults.hidden();
            int[] filters = defaults.filters();
            double dropout = this.dropout != null ? this.dropout : defaults.dropout();
            int batch = this.batch != null ? this.batch : defaults.batch();
            int shift = this.shift != null ? this.shift : defaults.shift();
            check(shift >= 0 && shift <= 13, "--shift must be 0 to 13 pixels");
            check(shift == 0 || sparkMaster == null, "--spark trains without augmentation: add --shift 0");
            check(epochs >= 1, "--epochs must be at least 1");
            check(batch >= 1, "--batch must be at least 1");
            check(learningRate > 0 && Double.isFinite(learningRate), "--lr must be finite and > 0");
            check(validation >= 0 && validation < 1, "--validation must be in [0, 1)");
            check(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1)");
            check(patience >= 0, "--early-stopping must be >= 0");
            check(patience == 0 || validation > 0, "--early-stopping needs --validation > 0");
            check(clip >= 0 && Double.isFinite(clip), "--clip must be >= 0");
            check(List.of("auto", "bar", "lines").contains(progress), "--progress must be auto, bar or lines");
            check(noPlot || plot.toString().endsWith(".png"), "--plot must name a .png file");
            DType dtype = backendOption.dtype(DEFAULTS.dtype());
            if (architecture == Architecture.MLP) {
                new HeapCheck(spec.commandLine()).mlp(FashionMnist.PIXELS, hidden, FashionMnist.CLASSES.size(), dtype,
                        "--hidden");
            }
            return new FashionMnistTraining.Settings(dtype, epochs, batch, learningRate,
                    hidden, seed, validation, dropout, patience, schedule, clip, architecture, filters, shift);
        }

        private FashionMnistTraining.Settings layers(FashionMnistTraining.Settings defaults) {
            try {
                return defaults.withLayers(hidden, filters);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private void check(boolean ok, String message) {
            if (!ok) {
                throw new ParameterException(spec.commandLine(), message);
            }
        }

        private Map<String, String> metadata(Backend backend, FashionMnistTraining.Settings settings,
                FashionMnistTraining.Result result) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("dataset", "fashion-mnist");
            meta.put("classes", String.join(",", FashionMnist.CLASSES));
            meta.put("network", settings.architecture().id());
            meta.put("random_shift", String.valueOf(settings.shift()));
            meta.put("loss", "softmax_cross_entropy");
            meta.put("trained_on_backend", backend.name());
            meta.put("created", Instant.now().toString());
            meta.put("epochs", String.valueOf(result.history().epochs().size()));
            meta.put("batch", String.valueOf(settings.batch()));
            meta.put("learning_rate", String.valueOf(settings.learningRate()));
            meta.put("seed", String.valueOf(settings.seed()));
            meta.put("train_loss", String.valueOf(result.history().finalLoss()));
            meta.put("test_accuracy", String.valueOf(result.test().accuracy()));
            meta.put("test_loss", String.valueOf(result.test().loss()));
            return meta;
        }

        private static Path siblingWithExtension(Path file, String extension) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }
}
