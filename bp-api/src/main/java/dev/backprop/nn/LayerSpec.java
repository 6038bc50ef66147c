package dev.backprop.nn;

import java.io.Serializable;

/**
 * The architecture of one layer, without its values: what {@link Sequential.Builder} collects and
 * what a saved model stores. Serializable, so a spec can travel to the workers of a cluster.
 */
public sealed interface LayerSpec extends Serializable {

    /** Columns this layer outputs for {@code inputSize} input columns. */
    int outputSize(int inputSize);

    /**
     * A {@link Dense} layer.
     *
     * @param units output columns, at least 1
     */
    record DenseSpec(int units) implements LayerSpec {
        /** Checks {@code units}. */
        public DenseSpec {
            if (units < 1) {
                throw new IllegalArgumentException("a dense layer needs at least 1 unit, got " + units);
            }
        }

        @Override
        public int outputSize(int inputSize) {
            return units;
        }
    }

    /**
     * A {@link Dropout} layer.
     *
     * @param rate probability of dropping an element in training, in {@code [0, 1)}
     */
    record DropoutSpec(double rate) implements LayerSpec {
        /** Checks the rate. */
        public DropoutSpec {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
            }
        }

        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }
    }

    /**
     * An {@link ActivationLayer}.
     *
     * @param activation the function
     */
    record ActivationSpec(Activation activation) implements LayerSpec {
        /** Checks for null. */
        public ActivationSpec {
            if (activation == null) {
                throw new IllegalArgumentException("activation must not be null");
            }
        }

        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }
    }
}
