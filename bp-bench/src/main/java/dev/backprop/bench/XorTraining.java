package dev.backprop.bench;

import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.train.Trainer;

/**
 * W2: the XOR 2-5-1 network trained through {@link Trainer#fit}, full batch, one step per epoch (as
 * {@code bp xor} runs it), so a step's time includes the trainer's per-step and per-epoch work.
 */
final class XorTraining implements AutoCloseable {

    private static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[][] TARGETS = {{0}, {1}, {1}, {0}};

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Trainer trainer;
    private final Dataset data = Dataset.of(INPUTS, TARGETS);

    XorTraining(Backend backend, DType dtype, int steps) {
        model = Sequential.builder().input(2).dense(5, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .dtype(dtype).seed(7).backend(backend).build();
        loss = Loss.mse();
        optimizer = Optimizer.gradientDescent(2.0);
        trainer = Trainer.builder().loss(loss).optimizer(optimizer).epochs(steps).batchSize(INPUTS.length)
                .shuffle(false).build();
    }

    /** {@code steps} steps; returns the final loss. */
    double run() {
        return trainer.fit(model, data).finalLoss();
    }

    @Override
    public void close() {
        optimizer.close();
        loss.close();
        model.close();
    }
}
