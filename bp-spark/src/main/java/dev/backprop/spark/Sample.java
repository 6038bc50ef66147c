package dev.backprop.spark;

import java.io.Serializable;

/**
 * One training sample as Spark carries it: a feature row and a target row (one-hot for a class).
 * The arrays are not copied; do not change them after handing them to Spark.
 *
 * @param features the model's input row
 * @param targets the target row, as wide as the model's output
 */
public record Sample(double[] features, double[] targets) implements Serializable {

    /**
     * Checks the rows.
     *
     * @throws IllegalArgumentException if a row is null or empty
     */
    public Sample {
        if (features == null || features.length == 0 || targets == null || targets.length == 0) {
            throw new IllegalArgumentException("a sample needs a non-empty feature row and target row");
        }
    }
}
