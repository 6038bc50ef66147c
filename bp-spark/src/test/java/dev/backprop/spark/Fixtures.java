package dev.backprop.spark;

import dev.backprop.backend.Backends;
import dev.backprop.data.Dataset;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.DType;
import dev.backprop.train.Trainer;

/** Small seeded data and models shared by the tests. */
final class Fixtures {

    static final int SAMPLES = 50;
    static final int FEATURES = 6;
    static final int CLASSES = 3;
    /** 50 = 3 · 16 + 2: the last batch of every epoch is short. */
    static final int BATCH = 16;
    static final int EPOCHS = 2;

    private Fixtures() {
    }

    /** Three classes separated by the sign pattern of two features, plus noise. */
    static Dataset data() {
        SeededRandom random = new SeededRandom(7);
        double[][] x = new double[SAMPLES][FEATURES];
        int[] labels = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = random.nextGaussian();
            }
            labels[i] = x[i][0] > 0 ? 0 : x[i][1] > 0 ? 1 : 2;
        }
        return Dataset.classification(x, labels, CLASSES);
    }

    static Sequential model(String backend, DType dtype) {
        return Sequential.builder().input(FEATURES)
                .dense(8, Activation.tanh())
                .dense(CLASSES, Activation.softmax())
                .dtype(dtype).seed(3).backend(Backends.get(backend)).build();
    }

    static Optimizer optimizer() {
        return Optimizer.momentum(0.1, 0.9);
    }

    static Loss loss() {
        return Loss.softmaxCrossEntropy();
    }

    /** The single-machine reference: {@link Trainer} with the settings every Spark test uses. */
    static double[] trainedOnOneMachine(String backend, DType dtype) {
        try (Sequential model = model(backend, dtype); Optimizer optimizer = optimizer(); Loss loss = loss()) {
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(EPOCHS).batchSize(BATCH).seed(11).build()
                    .fit(model, data());
            return flat(model);
        }
    }

    static SparkTrainer.Builder sparkTrainer(Loss loss, Optimizer optimizer) {
        return SparkTrainer.builder().loss(loss).optimizer(optimizer).epochs(EPOCHS).batchSize(BATCH).seed(11);
    }

    static double[] flat(Sequential model) {
        double[] all = new double[Math.toIntExact(model.parameterCount())];
        int offset = 0;
        for (Parameter p : model.parameters()) {
            double[] values = p.values();
            System.arraycopy(values, 0, all, offset, values.length);
            offset += values.length;
        }
        return all;
    }
}
