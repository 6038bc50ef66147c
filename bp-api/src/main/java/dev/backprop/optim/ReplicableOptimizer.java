package dev.backprop.optim;

import dev.backprop.nn.Parameter;
import java.io.Serializable;
import java.util.List;

/**
 * An optimizer that can run as identical replicas in other JVMs, as data-parallel training on several
 * machines needs: a serializable {@link Recipe} rebuilds its settings there, and its per-parameter state
 * (momentum, moments, step count) travels as one flat vector. A replica given the same state and the same
 * gradients makes the same steps, bit for bit, on the same backend.
 */
public interface ReplicableOptimizer extends Optimizer {

    /** Settings without state, sent to another JVM to build a replica there. */
    @FunctionalInterface
    interface Recipe extends Serializable {

        /** A new optimizer with the recipe's settings and no state. */
        ReplicableOptimizer build();
    }

    /** This optimizer's settings, with its current learning rate. */
    Recipe recipe();

    /**
     * The state kept for {@code parameters}, in that order, as one vector; an optimizer that has not
     * stepped yet exports the state of a first step. Implementations may allocate the state here.
     */
    double[] exportState(List<Parameter> parameters);

    /**
     * Replaces the state kept for {@code parameters} with a vector that {@link #exportState} of an
     * optimizer with the same settings wrote for parameters of the same shapes.
     *
     * @throws IllegalArgumentException if the vector's length does not fit (nothing is changed then)
     */
    void importState(List<Parameter> parameters, double[] state);

    /** Checks an imported vector's length. */
    static void checkStateLength(String optimizer, double[] state, long expected) {
        if (state.length != expected) {
            throw new IllegalArgumentException(optimizer + " state for these parameters has " + expected
                    + " values, got " + state.length);
        }
    }
}
