package dev.backprop.optim;

import dev.backprop.nn.Parameter;
import dev.backprop.spi.AdamStep;
import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;
import java.util.List;

/**
 * Adam as {@code torch.optim.Adam} (Kingma and Ba, with PyTorch's placement of epsilon after the bias
 * correction). With gradient {@code g}, L2 weight decay {@code λ}, step {@code t}:
 * <pre>
 * g ← g + λθ                        (if λ ≠ 0)
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * θ ← θ − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + ε)
 * </pre>
 * The update runs as the SPI's fused {@code adamUpdate}; {@code t} counts calls of {@link #step}, so
 * every parameter is expected in every step.
 */
public final class Adam implements ReplicableOptimizer {

    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final ParameterState<State> state = new ParameterState<>(this::newState);

    private long steps;

    private record State(Tensor m, Tensor v, Tensor scratch, Tensor decayed) {
    }

    private Adam(Builder b) {
        this.learningRate = Optimizer.checkLearningRate(b.learningRate);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
        this.weightDecay = b.weightDecay;
        new AdamStep(learningRate, beta1, beta2, epsilon, 1); // validates the settings
    }

    /** A builder with the given learning rate and PyTorch's defaults for the rest. */
    public static Builder builder(double learningRate) {
        return new Builder(learningRate);
    }

    @Override
    public void step(List<Parameter> parameters) {
        AdamStep adamStep = new AdamStep(learningRate, beta1, beta2, epsilon, ++steps);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Backend backend = p.backend();
            State s = stateOf(p);
            Tensor g = p.gradient();
            if (weightDecay != 0) {
                backend.linear(1, g, weightDecay, p.value(), s.decayed());
                g = s.decayed();
            }
            backend.adamUpdate(p.value(), g, s.m(), s.v(), s.scratch(), adamStep);
        }
    }

    private State stateOf(Parameter p) {
        return state.of(p);
    }

    private State newState(Parameter p) {
        Backend backend = p.backend();
        return new State(state.zerosLike(backend, p), state.zerosLike(backend, p), state.zerosLike(backend, p),
                weightDecay != 0 ? state.zerosLike(backend, p) : null);
    }

    @Override
    public Recipe recipe() {
        double lr = learningRate;
        double b1 = beta1;
        double b2 = beta2;
        double eps = epsilon;
        double decay = weightDecay;
        return () -> builder(lr).betas(b1, b2).epsilon(eps).weightDecay(decay).build();
    }

    /** The step count, then each parameter's first moment, then each one's second moment. */
    @Override
    public double[] exportState(List<Parameter> parameters) {
        double[] out = new double[Math.toIntExact(stateLength(parameters))];
        out[0] = steps;
        int at = 1;
        for (Parameter p : parameters) {
            p.backend().download(stateOf(p).m(), out, at);
            at += Math.toIntExact(p.value().size());
        }
        for (Parameter p : parameters) {
            p.backend().download(stateOf(p).v(), out, at);
            at += Math.toIntExact(p.value().size());
        }
        return out;
    }

    @Override
    public void importState(List<Parameter> parameters, double[] values) {
        ReplicableOptimizer.checkStateLength("Adam", values, stateLength(parameters));
        steps = (long) values[0];
        int at = 1;
        for (Parameter p : parameters) {
            p.backend().upload(values, at, stateOf(p).m());
            at += Math.toIntExact(p.value().size());
        }
        for (Parameter p : parameters) {
            p.backend().upload(values, at, stateOf(p).v());
            at += Math.toIntExact(p.value().size());
        }
    }

    private static long stateLength(List<Parameter> parameters) {
        long length = 1;
        for (Parameter p : parameters) {
            length += 2 * p.value().size();
        }
        return length;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void learningRate(double learningRate) {
        this.learningRate = Optimizer.checkLearningRate(learningRate);
    }

    @Override
    public String describe() {
        return "Adam (lr " + learningRate + ", betas " + beta1 + ", " + beta2 + ", eps " + epsilon
                + ", weight decay " + weightDecay + ")";
    }

    @Override
    public void close() {
        state.close();
    }

    /** Settings of {@link Adam}. */
    public static final class Builder {
        private final double learningRate;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private double weightDecay;

        private Builder(double learningRate) {
            this.learningRate = learningRate;
        }

        /** Decay rates of the first and second moments, each in {@code [0, 1)}. */
        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Added to the denominator, {@code > 0}. */
        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /** L2 weight decay {@code λ >= 0}, added to the gradient as {@code λθ}. */
        public Builder weightDecay(double weightDecay) {
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
            }
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * The optimizer.
         *
         * @throws IllegalArgumentException if a setting is out of range
         */
        public Adam build() {
            return new Adam(this);
        }
    }
}
