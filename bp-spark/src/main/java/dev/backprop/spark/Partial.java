package dev.backprop.spark;

import java.io.Serializable;

/**
 * What one partition sends back for one step: its part of the batch's gradient sum, loss sum and
 * correct count. A partition that holds none of the batch's samples sends {@code rows = 0} and no
 * gradient.
 */
record Partial(int partition, int rows, double lossSum, int correct, double[] gradientSum) implements Serializable {

    static Partial empty(int partition) {
        return new Partial(partition, 0, 0, 0, null);
    }
}
