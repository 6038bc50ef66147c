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
import java.util.Locale;

/**
 * Whether a backend's memory stays flat over long training: resident memory (which holds ND4J's
 * off-heap arrays) and the Java heap, sampled while the XOR network trains for many steps and while
 * a 784-256-10 network trains on random data.
 */
public final class MemoryBenchmark {

    /** Features per random sample of the MLP phase. */
    public static final int MLP_FEATURES = 784;
    /** Classes of the MLP phase. */
    public static final int MLP_CLASSES = 10;

    private MemoryBenchmark() {
    }

    /** Runs both phases and prints one line per sample. */
    public static void run(Backend backend, DType dtype, int xorSteps, int mlpEpochs, int mlpSamples,
            PrintWriter out) {
        out.printf(Locale.ROOT, "memory on backend %s, %s: resident (RSS) and heap after GC, in MiB%n",
                backend.name(), dtype.id());
        sample(out, "start");
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] t = {{0}, {1}, {1}, {0}};
        int every = Math.max(1, xorSteps / 10);
        try (Sequential model = Sequential.builder().input(2).dense(5, Activation.sigmoid())
                .dense(1, Activation.sigmoid()).dtype(dtype).backend(backend).build();
                Loss loss = Loss.mse();
                Optimizer optimizer = Optimizer.gradientDescent(2.0)) {
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(xorSteps).batchSize(4).shuffle(false)
                    .listener(new TrainingListener() {
                        @Override
                        public void onEpochEnd(EpochResult result) {
                            if (result.epoch() % every == 0) {
                                sample(out, "xor step " + result.epoch());
                            }
                        }
                    }).build().fit(model, Dataset.of(x, t));
        }
        Dataset data = RandomData.classification(1, mlpSamples, MLP_FEATURES, MLP_CLASSES);
        try (Sequential model = Sequential.builder().input(MLP_FEATURES).dense(256, Activation.relu()).dense(MLP_CLASSES)
                .dtype(dtype).backend(backend).build();
                Loss loss = Loss.softmaxCrossEntropy();
                Optimizer optimizer = Optimizer.adam(1e-3)) {
            int batches = (mlpSamples + 127) / 128;
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(mlpEpochs).batchSize(128)
                    .listener(new TrainingListener() {
                        @Override
                        public void onBatchEnd(dev.backprop.train.BatchResult result) {
                            if (result.batch() % Math.max(1, batches / 4) == 0) {
                                sample(out, "784-256-10 epoch " + result.epoch() + " batch " + result.batch());
                            }
                        }
                    }).build().fit(model, data);
        }
        sample(out, "end");
    }

    private static void sample(PrintWriter out, String when) {
        long heap = ProcessMemory.heapBytesAfterGc();
        long rss = ProcessMemory.residentBytes();
        out.printf(Locale.ROOT, "%-36s rss %8.1f  heap %7.1f%n", when, rss / 1048576.0, heap / 1048576.0);
        out.flush();
    }
}
