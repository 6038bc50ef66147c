package dev.backprop.examples.explain;

import dev.backprop.data.Dataset;
import dev.backprop.examples.xor.XorExample;
import dev.backprop.inspect.Matrix;
import dev.backprop.inspect.Trace;
import dev.backprop.inspect.Tracer;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.train.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of {@code bp xor}'s training, explained: the tutorial's 2-5-1 network is trained as
 * {@link XorExample} trains it (full batch, gradient descent) up to the chosen step, which is then
 * traced with finite differences and applied.
 */
public final class XorStep {

    /** Largest step accepted; training up to it takes seconds. */
    public static final int MAX_STEP = 1_000_000;

    /**
     * The step to explain.
     *
     * @param step which gradient-descent step, from 1 (the first, on the initial weights)
     * @param learningRate {@code α}
     * @param seed seed of the initial weights
     */
    public record Settings(int step, double learningRate, long seed) {

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if the step is outside {@code [1, MAX_STEP]} or the learning rate
         *     is not finite and positive
         */
        public Settings {
            if (step < 1 || step > MAX_STEP) {
                throw new IllegalArgumentException("step must be in [1, " + MAX_STEP + "], got " + step);
            }
            Optimizer.checkLearningRate(learningRate);
        }

        /** Step 1 with {@code bp xor}'s learning rate and seed. */
        public static Settings defaults() {
            XorExample.Settings xor = XorExample.Settings.defaults();
            return new Settings(1, xor.learningRate(), xor.seed());
        }
    }

    private XorStep() {
    }

    /**
     * The finite-difference step for {@code dtype}: {@code 1e-6} in float64 (truncation {@code O(h²)} and
     * rounding {@code O(u/h)} both near 1e-11), {@code 1e-2} in float32, where rounding dominates.
     */
    public static double finiteDifferenceStep(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-6 : 1e-2;
    }

    /** Trains up to {@code settings.step()}, traces that step and applies it. */
    public static Explanation explain(Backend backend, DType dtype, Settings settings) {
        try (Sequential model = XorExample.network(backend, dtype, settings.seed());
                Loss loss = Loss.mse();
                Optimizer optimizer = Optimizer.gradientDescent(settings.learningRate())) {
            if (settings.step() > 1) {
                Trainer.builder().loss(loss).optimizer(optimizer).epochs(settings.step() - 1)
                        .batchSize(XorExample.INPUTS.length).shuffle(false).build()
                        .fit(model, Dataset.of(XorExample.INPUTS, XorExample.TARGETS));
            }
            double h = finiteDifferenceStep(dtype);
            Trace trace = new Tracer(model, loss).trace(XorExample.INPUTS, XorExample.TARGETS, h);
            optimizer.step(model.parameters());
            Map<String, Matrix> after = new LinkedHashMap<>();
            for (Parameter p : model.parameters()) {
                after.put(p.name(), new Matrix(p.rows(), p.cols(), p.values()));
            }
            Derivation derivation = new Derivation(model.layers(), trace);
            String origin = settings.step() == 1 ? "drawn from seed " + settings.seed()
                    : "after " + (settings.step() - 1) + " steps";
            return new Explanation("xor", backend.name(), dtype, settings.seed(), settings.learningRate(),
                    settings.step(), h, trace.value(), List.of(derivation.forward(origin), derivation.backward(),
                            derivation.update(settings.learningRate(), after)));
        }
    }
}
