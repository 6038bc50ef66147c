package dev.backprop.examples.bench;

import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
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
 * Training throughput of an MLP (default 784-256-128-10, ReLU, softmax cross-entropy, Adam, batch
 * 128, the Fashion-MNIST defaults) on random data: samples per second per epoch and their median.
 */
public final class TrainingBenchmark {

    /** Features per random sample, as a Fashion-MNIST image. */
    public static final int FEATURES = 784;
    /** Classes of the random labels. */
    public static final int CLASSES = 10;

    private TrainingBenchmark() {
    }

    /** Trains for {@code epochs} epochs and returns the median samples per second (first epoch excluded when more than one). */
    public static double run(Backend backend, DType dtype, int[] hidden, int batch, int samples, int epochs,
            PrintWriter out) {
        Dataset data = RandomData.classification(3, samples, FEATURES, CLASSES);
        Sequential.Builder builder = Sequential.builder().input(FEATURES).dtype(dtype).backend(backend);
        for (int units : hidden) {
            builder.dense(units, Activation.relu());
        }
        builder.dense(CLASSES);
        List<Double> rates = new ArrayList<>();
        try (Sequential model = builder.build();
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
        out.printf(Locale.ROOT, "backend %s %s batch %d: median %.0f samples/s over %s%n", backend.name(),
                dtype.id(), batch, median, epochs == 1 ? "epoch 1 (with its warm-up; run 2 or more epochs to leave "
                        + "it out)" : epochs == 2 ? "epoch 2" : "epochs 2.." + epochs);
        return median;
    }
}
