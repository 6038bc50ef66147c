package dev.backprop.spark;

import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.train.GradientStep;
import java.util.List;

/**
 * The global step from the partitions' partial sums, the same wherever it runs (the driver, or every
 * barrier task): add the sums in partition order, check the loss, divide by the batch size, clip the
 * norm, apply the optimizer once.
 */
final class StepUpdate {

    private final String lossId;
    private final double maxGradientNorm;
    private final double[] gradient;

    /** @param maxGradientNorm 0 or less: no clipping */
    StepUpdate(String lossId, double maxGradientNorm, int parameterCount) {
        this.lossId = lossId;
        this.maxGradientNorm = maxGradientNorm;
        this.gradient = new double[parameterCount];
    }

    /**
     * Steps {@code model} with {@code optimizer} from {@code parts} (partition 0 first).
     *
     * @throws IllegalStateException if the batch's loss or the gradient norm is not finite (nothing is
     *     changed then), or the parts are out of partition order
     */
    StepTotals apply(List<Partial> parts, Sequential model, Optimizer optimizer, int epoch, int batch, int batches) {
        StepTotals totals = StepTotals.add(parts, gradient);
        double batchLoss = totals.lossSum() / totals.rows();
        if (!Double.isFinite(batchLoss)) {
            throw new IllegalStateException("Training diverged at epoch " + epoch + ", batch " + batch + " of "
                    + batches + ": the " + lossId + " loss is " + batchLoss + ". Lower the learning rate ("
                    + optimizer.describe() + ") or check the data.");
        }
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] /= totals.rows();
        }
        clip(epoch, batch, batches);
        GradientStep.apply(model, optimizer, gradient);
        return totals;
    }

    private void clip(int epoch, int batch, int batches) {
        if (maxGradientNorm <= 0) {
            return;
        }
        double squares = 0;
        for (double g : gradient) {
            squares += g * g;
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) {
            throw new IllegalStateException("Training diverged at epoch " + epoch + ", batch " + batch + " of "
                    + batches + ": the gradient norm is " + norm);
        }
        if (norm > maxGradientNorm) {
            double scale = maxGradientNorm / norm;
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= scale;
            }
        }
    }
}
