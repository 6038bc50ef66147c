package dev.backprop.examples.bench;

import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.examples.fashion.Architecture;
import dev.backprop.examples.fashion.FashionMnistTraining;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.train.EpochResult;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Training throughput of a Fashion-MNIST network (the MLP 784-256-128-10 or the CNN of
 * {@link Architecture#CNN}, softmax cross-entropy, Adam, batch 128: the {@code bp train} defaults) on
 * random data: samples per second per epoch and their median.
 */
public final class TrainingBenchmark {

    /** Features per random sample, as a Fashion-MNIST image. */
    public static final int FEATURES = 784;
    /** Classes of the random labels. */
    public static final int CLASSES = 10;

    private TrainingBenchmark() {
    }

    /** Trains for {@code epochs} epochs and returns the median samples per second (first epoch excluded when more than one). */
    public static double run(Backend backend, FashionMnistTraining.Settings settings, int samples, PrintWriter out) {
        Dataset data = RandomData.classification(3, samples, FEATURES, CLASSES);
        DType dtype = settings.dtype();
        int batch = settings.batch();
        int epochs = settings.epochs();
        out.printf(Locale.ROOT, "%s, %s, backend %s, batch %d, %,d random samples per epoch%n",
                settings.architecture().describe(settings), dtype.id(), backend.name(), batch, samples);
        List<Double> rates = new ArrayList<>();
        try (Sequential model = FashionMnistTraining.model(backend, settings);
                Loss loss = Loss.softmaxCrossEntropy();
                Optimizer optimizer = Optimizer.adam(1e-3)) {
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(epochs).batchSize(batch)
                    .listener(new TrainingListener() {
                        @Override
                        public void onEpochEnd(EpochResult result) {
                            rates.add(result.samplesPerSecond());
                            out.printf(Locale.ROOT, "epoch %d: %.0f samples/s (%.2f s)%n", result.epoch(),
                                    result.samplesPerSecond(), result.duration().toNanos() / 1e9);
                            out.flush();
                        }
                    }).build().fit(model, data);
        }
        List<Double> measured = rates.size() > 1 ? rates.subList(1, rates.size()) : rates;
        List<Double> sorted = new ArrayList<>(measured);
        sorted.sort(null);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        out.printf(Locale.ROOT, "backend %s %s %s batch %d: median %.0f samples/s over %s%n", backend.name(),
                settings.architecture().id(), dtype.id(), batch, median, epochs == 1 ? "epoch 1 (with its warm-up; run 2 or more epochs to leave "
                        + "it out)" : epochs == 2 ? "epoch 2" : "epochs 2.." + epochs);
        return median;
    }
}
