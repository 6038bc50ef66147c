package dev.backprop.train;

import dev.backprop.loss.Loss;
import dev.backprop.loss.ModelLoss;
import dev.backprop.nn.Dropout;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.nn.TensorCache;
import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;

/**
 * The gradient of a batch summed over its samples, without updating the model:
 * {@code g = sum_i ∇θ ℓ(x_i, t_i) = B · ∇θ L}, where {@code L} is the batch's mean loss. The building
 * block of data-parallel training: the sums of disjoint parts of a batch add up to the whole batch's
 * sum, which divided by the batch size is the gradient {@link Trainer} steps with (the same values up
 * to summation order). Apply it with {@link GradientStep}.
 *
 * <p>The gradient is laid out as one flat vector: the parameters in {@link Sequential#parameters()}
 * order, each row-major. Models with active dropout are rejected: a dropout mask drawn for part of a
 * batch is not the mask the whole batch would get. Not thread-safe; one instance per model.
 */
public final class GradientSum implements AutoCloseable {

    private final Sequential model;
    private final ModelLoss step;
    private final TensorCache x;
    private final TensorCache t;
    private final int length;
    private int[] predicted = new int[0];

    /**
     * The sums of {@code model}'s gradients under {@code loss}.
     *
     * @throws IllegalArgumentException if the model has a dropout layer with a rate above 0
     */
    public GradientSum(Sequential model, Loss loss) {
        checkSummable(model);
        this.model = model;
        this.step = new ModelLoss(model, loss);
        this.x = new TensorCache(model.backend(), model.dtype());
        this.t = new TensorCache(model.backend(), model.dtype());
        this.length = Math.toIntExact(model.parameterCount());
    }

    /**
     * Checks that per-part gradient sums of {@code model} add up to its whole-batch gradient.
     *
     * @throws IllegalArgumentException if the model has a dropout layer with a rate above 0
     */
    public static void checkSummable(Sequential model) {
        model.layers().forEach(layer -> {
            if (layer instanceof Dropout d && d.rate() > 0) {
                throw new IllegalArgumentException("layer " + d.name() + " drops with rate " + d.rate()
                        + ": a mask drawn for part of a batch differs from the whole batch's, so per-part gradient "
                        + "sums would not add up to the batch's gradient");
            }
        });
    }

    /** What one call measured besides the gradient. */
    public record Totals(double lossSum, int correct) {
    }

    /** Values in the flat gradient vector: the model's parameter count. */
    public int length() {
        return length;
    }

    /**
     * Forward and backward pass over {@code rows} samples in training mode; writes the sum of their
     * gradients to {@code out} (overwritten, {@link #length()} values). The model's parameters are
     * not changed.
     *
     * @param features {@code rows × inputSize} values, row-major (the array may be longer)
     * @param targets {@code rows × outputSize} values, row-major (the array may be longer)
     * @return the sum of the samples' losses, and how many rows' prediction has the largest value in
     *     the column where the target has its largest (the classification count {@link Trainer} reports)
     * @throws IllegalArgumentException if {@code rows < 1}, an array is too short or {@code out} has
     *     the wrong length
     */
    public Totals compute(double[] features, double[] targets, int rows, double[] out) {
        int in = model.inputSize();
        int outputs = model.outputSize();
        if (rows < 1) {
            throw new IllegalArgumentException("a gradient sum needs at least one row, got " + rows);
        }
        check("features", features, (long) rows * in);
        check("targets", targets, (long) rows * outputs);
        if (out.length != length) {
            throw new IllegalArgumentException("the gradient vector has " + out.length + " values but the model has "
                    + length + " parameters");
        }
        Backend backend = model.backend();
        Tensor xs = x.get(model.inputBatchShape(rows));
        Tensor ts = t.get(rows, outputs);
        backend.upload(features, 0, xs);
        backend.upload(targets, 0, ts);
        double meanLoss = step.forward(xs, ts, true);
        int correct = correct(backend, step.lastPrediction(), targets, rows);
        step.backward(false);
        int offset = 0;
        for (Parameter p : model.parameters()) {
            backend.download(p.gradient(), out, offset);
            offset += Math.toIntExact(p.gradient().size());
        }
        for (int i = 0; i < length; i++) {
            out[i] *= rows;
        }
        return new Totals(meanLoss * rows, correct);
    }

    private int correct(Backend backend, Tensor prediction, double[] targets, int rows) {
        if (predicted.length < rows) {
            predicted = new int[rows];
        }
        backend.argmaxRows(prediction, predicted);
        int classes = prediction.cols();
        int right = 0;
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (targets[r * classes + j] > targets[r * classes + best]) {
                    best = j;
                }
            }
            if (best == predicted[r]) {
                right++;
            }
        }
        return right;
    }

    private static void check(String what, double[] values, long needed) {
        if (values.length < needed) {
            throw new IllegalArgumentException("the " + what + " array has " + values.length + " values, "
                    + needed + " needed");
        }
    }

    /** Releases the batch buffers; the model stays open. */
    @Override
    public void close() {
        x.close();
        t.close();
    }
}
