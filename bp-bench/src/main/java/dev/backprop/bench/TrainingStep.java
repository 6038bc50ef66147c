package dev.backprop.bench;

import dev.backprop.loss.Loss;
import dev.backprop.loss.ModelLoss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.SplittableRandom;

/**
 * One training step as {@link dev.backprop.train.Trainer} runs it (upload the batch, forward, loss,
 * backward, optimizer step), without the trainer's bookkeeping, on one of two networks: W2's XOR
 * 2-5-1 (sigmoid, MSE, gradient descent, the four rows) and W1's MLP 784-256-128-10 (ReLU, softmax
 * cross-entropy, Adam, batch 128 of seeded random data).
 */
final class TrainingStep implements AutoCloseable {

    private final Backend backend;
    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final ModelLoss step;
    private final double[] features;
    private final double[] targets;
    private final Tensor x;
    private final Tensor t;

    private TrainingStep(Backend backend, DType dtype, Sequential.Builder network, Loss loss, Optimizer optimizer,
            double[] features, double[] targets, int rows) {
        this.backend = backend;
        this.model = network.dtype(dtype).seed(7).backend(backend).build();
        this.loss = loss;
        this.optimizer = optimizer;
        this.step = new ModelLoss(model, loss);
        this.features = features;
        this.targets = targets;
        this.x = backend.allocate(dtype, rows, features.length / rows);
        this.t = backend.allocate(dtype, rows, targets.length / rows);
    }

    /** W2's network and data. */
    static TrainingStep xor(Backend backend, DType dtype) {
        return new TrainingStep(backend, dtype, Sequential.builder().input(2).dense(5, Activation.sigmoid())
                .dense(1, Activation.sigmoid()), Loss.mse(), Optimizer.gradientDescent(2.0),
                new double[] {0, 0, 0, 1, 1, 0, 1, 1}, new double[] {0, 1, 1, 0}, 4);
    }

    /** W1's network on one batch of 128 random samples. */
    static TrainingStep mlp(Backend backend, DType dtype) {
        SplittableRandom random = new SplittableRandom(3);
        double[] features = new double[128 * 784];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextDouble();
        }
        double[] targets = new double[128 * 10];
        for (int r = 0; r < 128; r++) {
            targets[r * 10 + random.nextInt(10)] = 1;
        }
        return new TrainingStep(backend, dtype, Sequential.builder().input(784).dense(256, Activation.relu())
                .dense(128, Activation.relu()).dense(10), Loss.softmaxCrossEntropy(), Optimizer.adam(1e-3), features,
                targets, 128);
    }

    /** One step; returns the batch loss. */
    double run() {
        backend.upload(features, 0, x);
        backend.upload(targets, 0, t);
        double batchLoss = step.forward(x, t, true);
        step.backward(false);
        optimizer.step(model.parameters());
        return batchLoss;
    }

    @Override
    public void close() {
        x.close();
        t.close();
        optimizer.close();
        loss.close();
        model.close();
    }
}
