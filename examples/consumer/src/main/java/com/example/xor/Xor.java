package com.example.xor;

import dev.backprop.backend.Backends;
import dev.backprop.backend.BackendRegistry;
import dev.backprop.backend.Selection;
import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.train.Trainer;
import java.util.Locale;

/**
 * Trains a 2-5-1 sigmoid network on XOR on whichever backend the class path or module path holds, and
 * says which backend that was and where it came from. Exits with status 1 if training did not
 * converge.
 */
public final class Xor {

    private static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[][] TARGETS = {{0}, {1}, {1}, {0}};

    private Xor() {
    }

    /** Runs the example; no arguments. */
    public static void main(String[] args) {
        BackendRegistry registry = Backends.registry();
        Selection selection = registry.select(null);
        Module backendModule = selection.chosen().provider().getClass().getModule();
        System.out.println("backend: " + selection.describe());
        System.out.println("loaded from: " + (backendModule.isNamed()
                ? "module " + backendModule.getName() + " on the module path"
                : "the class path"));
        System.out.println("application: " + (Xor.class.getModule().isNamed()
                ? "module " + Xor.class.getModule().getName()
                : "the class path"));

        try (Sequential model = Sequential.builder()
                .input(2)
                .dense(5, Activation.sigmoid())
                .dense(1, Activation.sigmoid())
                .seed(7)
                .backend(registry.backend(selection))
                .build();
                Loss loss = Loss.mse();
                Optimizer optimizer = Optimizer.gradientDescent(2.0)) {
            Trainer.builder()
                    .loss(loss)
                    .optimizer(optimizer)
                    .epochs(5000)
                    .batchSize(INPUTS.length)
                    .shuffle(false)
                    .build()
                    .fit(model, Dataset.of(INPUTS, TARGETS));
            double[][] predictions = model.predict(INPUTS);
            boolean converged = true;
            for (int i = 0; i < INPUTS.length; i++) {
                System.out.printf(Locale.ROOT, "%.0f XOR %.0f = %.4f%n", INPUTS[i][0], INPUTS[i][1], predictions[i][0]);
                converged &= Math.abs(predictions[i][0] - TARGETS[i][0]) < 0.1;
            }
            System.out.println(converged ? "converged" : "NOT converged");
            if (!converged) {
                System.exit(1);
            }
        }
    }
}
