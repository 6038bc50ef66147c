package dev.backprop.spark;

import java.util.Arrays;
import java.util.List;

/** The partitions' parts of one step added up, in partition order. */
record StepTotals(int rows, double lossSum, int correct) {

    /**
     * Adds {@code parts} (as {@code collect()} returns them: partition 0 first) into {@code gradient}
     * (overwritten).
     *
     * @throws IllegalStateException if the parts are not in increasing partition order
     */
    static StepTotals add(List<Partial> parts, double[] gradient) {
        Arrays.fill(gradient, 0);
        int rows = 0;
        double lossSum = 0;
        int correct = 0;
        int previous = -1;
        for (Partial part : parts) {
            if (part.partition() <= previous) {
                throw new IllegalStateException("partial sums out of partition order: " + part.partition()
                        + " after " + previous);
            }
            previous = part.partition();
            if (part.rows() == 0) {
                continue;
            }
            double[] sum = part.gradientSum();
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += sum[i];
            }
            rows += part.rows();
            lossSum += part.lossSum();
            correct += part.correct();
        }
        return new StepTotals(rows, lossSum, correct);
    }
}
