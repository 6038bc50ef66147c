package dev.backprop.gradcheck;

import dev.backprop.data.Matrices;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.numeric.Tolerance;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import dev.backprop.loss.ModelLoss;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the analytic gradients of a model's backward pass with central finite differences
 * {@code (L(θ + h) − L(θ − h)) / 2h}, element by element, for every parameter and for the input.
 * Float64 only: in float32 the differences drown in rounding.
 *
 * <pre>{@code
 * GradientCheckReport report = GradientChecker.check(model, Loss.mse(), inputs, targets);
 * if (!report.passed()) System.out.println(report);
 * }</pre>
 *
 * <p>The model runs in inference mode (no dropout). Each element costs two forward passes, so point it
 * at small models and batches. The model's parameters are left as they were.
 */
public final class GradientChecker {

    /** Default step {@code h}: balances truncation ({@code O(h²)}) and rounding ({@code O(u/h)}). */
    public static final double DEFAULT_STEP = 1e-6;

    private final double step;
    private final Tolerance tolerance;

    /** A checker with step {@code h} and the tolerance its comparisons use. */
    public GradientChecker(double step, Tolerance tolerance) {
        if (!(step > 0) || step > 1e-2) {
            throw new IllegalArgumentException("finite-difference step must be in (0, 0.01], got " + step);
        }
        this.step = step;
        this.tolerance = tolerance;
    }

    /** Checks with {@link #DEFAULT_STEP} and {@link Tolerances#FINITE_DIFFERENCE}. */
    public static GradientCheckReport check(Sequential model, Loss loss, double[][] inputs, double[][] targets) {
        return new GradientChecker(DEFAULT_STEP, Tolerances.FINITE_DIFFERENCE).run(model, loss, inputs, targets);
    }

    /**
     * Runs the check.
     *
     * @throws IllegalArgumentException if the model is not float64 or the arrays do not fit it
     */
    public GradientCheckReport run(Sequential model, Loss loss, double[][] inputs, double[][] targets) {
        if (model.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("gradient checks need a float64 model, this one is "
                    + model.dtype().id());
        }
        Matrices.checkRows("inputs", inputs, model.inputSize());
        Matrices.checkRows("targets", targets, model.outputSize());
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException(inputs.length + " input rows but " + targets.length + " target rows");
        }
        Backend backend = model.backend();
        double[] x = flatten(inputs);
        try (Tensor input = backend.fromArray(DType.FLOAT64, model.inputBatchShape(inputs.length), x);
                Tensor target = backend.fromArray(DType.FLOAT64, targets.length, model.outputSize(), flatten(targets))) {
            ModelLoss modelLoss = new ModelLoss(model, loss);
            modelLoss.forward(input, target, false);
            double[] analyticInput = backend.toArray(modelLoss.backward(true));
            List<double[]> analytic = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                analytic.add(p.gradientValues());
            }

            List<GradientCheckReport.Entry> entries = new ArrayList<>();
            for (int i = 0; i < analytic.size(); i++) {
                Parameter p = model.parameters().get(i);
                double[] values = p.values();
                double[] numeric = differences(values, p::set, () -> modelLoss.forward(input, target, false));
                p.set(values);
                entries.add(new GradientCheckReport.Entry(p.name(), p.cols(), tolerance.compare(numeric,
                        analytic.get(i))));
            }
            double[] numericInput = differences(x, v -> backend.upload(v, 0, input),
                    () -> modelLoss.forward(input, target, false));
            entries.add(new GradientCheckReport.Entry("input", model.inputSize(),
                    tolerance.compare(numericInput, analyticInput)));
            return new GradientCheckReport(entries);
        }
    }

    private double[] differences(double[] values, java.util.function.Consumer<double[]> apply,
            java.util.function.DoubleSupplier lossAtCurrent) {
        double[] numeric = new double[values.length];
        double[] work = values.clone();
        for (int i = 0; i < values.length; i++) {
            work[i] = values[i] + step;
            apply.accept(work);
            double plus = lossAtCurrent.getAsDouble();
            work[i] = values[i] - step;
            apply.accept(work);
            double minus = lossAtCurrent.getAsDouble();
            work[i] = values[i];
            numeric[i] = (plus - minus) / (2 * step);
        }
        apply.accept(values);
        return numeric;
    }

    private static double[] flatten(double[][] rows) {
        double[] flat = new double[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        return flat;
    }
}
