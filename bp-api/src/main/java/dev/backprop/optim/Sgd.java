package dev.backprop.optim;

import dev.backprop.nn.Parameter;
import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD}. With gradient {@code g}, weight decay
 * {@code λ}, momentum {@code μ}, dampening {@code d} and buffer {@code v}:
 * <pre>
 * g ← g + λθ                                   (if λ ≠ 0)
 * v ← g at the first step, else μv + (1 − d)g   (if μ ≠ 0)
 * g ← g + μv (Nesterov) or g ← v (classic)      (if μ ≠ 0)
 * θ ← θ − lr·g
 * </pre>
 * With no momentum and no decay this is exactly {@code θ ← θ − lr ∇J(θ)}.
 */
public final class Sgd implements ReplicableOptimizer {

    private double learningRate;
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;
    private final ParameterState<State> state = new ParameterState<>(this::newState);

    private record State(Tensor velocity, Tensor scratch, boolean[] started) {
    }

    private Sgd(Builder b) {
        this.learningRate = Optimizer.checkLearningRate(b.learningRate);
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.nesterov = b.nesterov;
        this.weightDecay = b.weightDecay;
    }

    /** A builder with the given learning rate and no momentum, dampening or decay. */
    public static Builder builder(double learningRate) {
        return new Builder(learningRate);
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Backend backend = p.backend();
            State s = stateOf(p);
            Tensor g = p.gradient();
            if (weightDecay != 0) {
                backend.linear(1, g, weightDecay, p.value(), s.scratch());
                g = s.scratch();
            }
            if (momentum != 0) {
                if (!s.started()[0]) {
                    backend.copy(g, s.velocity());
                    s.started()[0] = true;
                } else {
                    backend.linear(momentum, s.velocity(), 1 - dampening, g, s.velocity());
                }
                if (nesterov) {
                    backend.linear(1, g, momentum, s.velocity(), s.scratch());
                    g = s.scratch();
                } else {
                    g = s.velocity();
                }
            }
            backend.linear(1, p.value(), -learningRate, g, p.value());
        }
    }

    private State stateOf(Parameter p) {
        return state.of(p);
    }

    private State newState(Parameter p) {
        Backend backend = p.backend();
        return new State(momentum != 0 ? state.zerosLike(backend, p) : null,
                weightDecay != 0 || nesterov ? state.zerosLike(backend, p) : null, new boolean[1]);
    }

    @Override
    public Recipe recipe() {
        double lr = learningRate;
        double m = momentum;
        double d = dampening;
        boolean n = nesterov;
        double decay = weightDecay;
        return () -> builder(lr).momentum(m).dampening(d).nesterov(n).weightDecay(decay).build();
    }

    /** One started flag per parameter, then (with momentum) each parameter's velocity. */
    @Override
    public double[] exportState(List<Parameter> parameters) {
        double[] out = new double[Math.toIntExact(stateLength(parameters))];
        int at = 0;
        for (Parameter p : parameters) {
            out[at++] = stateOf(p).started()[0] ? 1 : 0;
        }
        if (momentum != 0) {
            for (Parameter p : parameters) {
                p.backend().download(stateOf(p).velocity(), out, at);
                at += Math.toIntExact(p.value().size());
            }
        }
        return out;
    }

    @Override
    public void importState(List<Parameter> parameters, double[] values) {
        ReplicableOptimizer.checkStateLength("SGD", values, stateLength(parameters));
        int at = 0;
        for (Parameter p : parameters) {
            stateOf(p).started()[0] = values[at++] != 0;
        }
        if (momentum != 0) {
            for (Parameter p : parameters) {
                p.backend().upload(values, at, stateOf(p).velocity());
                at += Math.toIntExact(p.value().size());
            }
        }
    }

    private long stateLength(List<Parameter> parameters) {
        long length = parameters.size();
        if (momentum != 0) {
            for (Parameter p : parameters) {
                length += p.value().size();
            }
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
        if (momentum == 0 && weightDecay == 0) {
            return "gradient descent (lr " + learningRate + ")";
        }
        return "SGD (lr " + learningRate + ", momentum " + momentum + (nesterov ? " Nesterov" : "")
                + ", dampening " + dampening + ", weight decay " + weightDecay + ")";
    }

    @Override
    public void close() {
        state.close();
    }

    /** Settings of {@link Sgd}. */
    public static final class Builder {
        private final double learningRate;
        private double momentum;
        private double dampening;
        private boolean nesterov;
        private double weightDecay;

        private Builder(double learningRate) {
            this.learningRate = learningRate;
        }

        /** Momentum {@code μ} in {@code [0, 1)}. */
        public Builder momentum(double momentum) {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            this.momentum = momentum;
            return this;
        }

        /** Dampening {@code d} in {@code [0, 1]}; not with Nesterov. */
        public Builder dampening(double dampening) {
            if (!(dampening >= 0 && dampening <= 1)) {
                throw new IllegalArgumentException("dampening must be in [0, 1], got " + dampening);
            }
            this.dampening = dampening;
            return this;
        }

        /** Nesterov momentum; needs a momentum and no dampening. */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
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

        /** The optimizer. */
        public Sgd build() {
            if (nesterov && (momentum == 0 || dampening != 0)) {
                throw new IllegalArgumentException("Nesterov momentum needs a momentum > 0 and zero dampening");
            }
            return new Sgd(this);
        }
    }
}
