package dev.backprop.inspect;

import dev.backprop.data.Matrices;
import dev.backprop.loss.Loss;
import dev.backprop.loss.ModelLoss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.ActivationLayer;
import dev.backprop.nn.Layer;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records one forward and backward pass of a model on one batch, layer by layer: what each layer
 * received and returned, the gradient of the loss with respect to each layer's output, input and
 * parameters, and, if asked, the central finite difference of every one of those gradients.
 *
 * <pre>{@code
 * Trace trace = new Tracer(model, loss).trace(inputs, targets, 1e-6);
 * for (LayerTrace layer : trace.layers()) {
 *     System.out.println(layer.name() + " " + layer.inputGradient().maxDifference());
 * }
 * }</pre>
 *
 * <p>The values come from the model's own layers, loss and backend: the tracer calls each layer's
 * {@link Layer#forward} and {@link Layer#backward} in turn (as {@link Sequential} does, in inference
 * mode, so dropout is off) and copies what they return. Afterwards the model is as one forward and
 * backward pass on the batch leaves it: parameters unchanged, their gradients set, so an optimizer
 * step can follow; the batch's own tensors are released, so the next backward pass needs a forward
 * pass first, as always. Unlike a training step, the first layer's input gradient is computed too. The
 * tracer costs two forward passes per finite-differenced element; point it at small models and
 * batches.
 */
public final class Tracer {

    private final Sequential model;
    private final Loss loss;
    private final int layerCount;

    /** A tracer of {@code model} with {@code loss}. */
    public Tracer(Sequential model, Loss loss) {
        this.model = model;
        this.loss = loss;
        this.layerCount = new ModelLoss(model, loss).layerCount();
    }

    /** One pass without finite differences. */
    public Trace trace(double[][] inputs, double[][] targets) {
        return run(inputs, targets, 0);
    }

    /**
     * One pass with the central finite difference of every gradient, with step {@code h}. In float64,
     * {@code h = 1e-6} balances truncation ({@code O(h²)}) and rounding ({@code O(u/h)}); in float32
     * rounding dominates, so a step near {@code 1e-2} is better and the differences are coarse.
     *
     * @throws IllegalArgumentException if {@code h} is not in {@code (0, 0.1]}, or the arrays do not fit
     *     the model
     */
    public Trace trace(double[][] inputs, double[][] targets, double h) {
        if (!(h > 0 && h <= 0.1)) {
            throw new IllegalArgumentException("finite-difference step must be in (0, 0.1], got " + h);
        }
        return run(inputs, targets, h);
    }

    private Trace run(double[][] inputs, double[][] targets, double step) {
        Matrices.checkRows("inputs", inputs, model.inputSize());
        Matrices.checkRows("targets", targets, model.outputSize());
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException(inputs.length + " input rows but " + targets.length + " target rows");
        }
        Backend backend = model.backend();
        DType dtype = model.dtype();
        List<Layer> layers = model.layers().subList(0, layerCount);
        try (Tensor x = backend.fromArray(dtype, inputs.length, model.inputSize(), flatten(inputs));
                Tensor t = backend.fromArray(dtype, targets.length, model.outputSize(), flatten(targets))) {
            List<Matrix> layerInputs = new ArrayList<>();
            List<Matrix> layerOutputs = new ArrayList<>();
            Tensor a = x;
            for (Layer layer : layers) {
                layerInputs.add(Matrix.of(backend, a));
                a = layer.forward(a, false);
                layerOutputs.add(Matrix.of(backend, a));
            }
            Numeric numeric = step > 0
                    ? Numeric.of(new FiniteDifferences(backend, dtype, loss, layers, t, step), layers, x, layerInputs,
                            layerOutputs.get(layers.size() - 1))
                    : Numeric.NONE;
            a = x;
            for (Layer layer : layers) {
                a = layer.forward(a, false);
            }
            double value = loss.forward(backend, a, t);
            LayerTrace[] traced = new LayerTrace[layers.size()];
            Tensor gradient = loss.backward();
            for (int i = layers.size() - 1; i >= 0; i--) {
                Layer layer = layers.get(i);
                Gradient outputGradient = new Gradient(Matrix.of(backend, gradient), numeric.input(i + 1));
                Matrix derivative = derivative(backend, dtype, layer, gradient);
                gradient = layer.backward(gradient, true);
                Gradient inputGradient = new Gradient(Matrix.of(backend, gradient), numeric.input(i));
                traced[i] = new LayerTrace(i, layer.name(), layer.toString(), layerInputs.get(i), layerOutputs.get(i),
                        derivative, outputGradient, inputGradient, parameters(layer, numeric));
            }
            return new Trace(backend.name(), dtype, loss.id(), layerInputs.get(0), Matrix.of(backend, t), value,
                    Arrays.asList(traced), step);
        }
    }

    /** The parameters of {@code layer} with the gradients its backward pass just set. */
    private static List<ParameterTrace> parameters(Layer layer, Numeric numeric) {
        List<ParameterTrace> traces = new ArrayList<>();
        for (Parameter p : layer.parameters()) {
            traces.add(new ParameterTrace(p.name(), new Matrix(p.rows(), p.cols(), p.values()),
                    new Gradient(new Matrix(p.rows(), p.cols(), p.gradientValues()), numeric.parameter(p))));
        }
        return traces;
    }

    /**
     * The finite differences of one batch: with respect to each layer's input (index {@code layers.size()}:
     * the loss's input) and to each parameter.
     */
    private record Numeric(List<Matrix> inputs, Map<Parameter, Matrix> parameters) {

        static final Numeric NONE = new Numeric(List.of(), Map.of());

        static Numeric of(FiniteDifferences differences, List<Layer> layers, Tensor x, List<Matrix> layerInputs,
                Matrix prediction) {
            List<Matrix> inputs = new ArrayList<>();
            Map<Parameter, Matrix> parameters = new IdentityHashMap<>();
            for (int i = 0; i < layers.size(); i++) {
                inputs.add(differences.ofInput(i, layerInputs.get(i)));
                for (Parameter p : layers.get(i).parameters()) {
                    parameters.put(p, differences.ofParameter(p, x));
                }
            }
            inputs.add(differences.ofInput(layers.size(), prediction));
            return new Numeric(inputs, parameters);
        }

        Matrix input(int layer) {
            return inputs.isEmpty() ? null : inputs.get(layer);
        }

        Matrix parameter(Parameter p) {
            return parameters.get(p);
        }
    }

    /** An element-wise activation's derivative: its backward pass of ones. */
    private static Matrix derivative(Backend backend, DType dtype, Layer layer, Tensor like) {
        if (!(layer instanceof ActivationLayer activation)
                || activation.activation().kind() == Activation.Kind.SOFTMAX) {
            return null;
        }
        double[] ones = new double[Math.toIntExact(like.size())];
        Arrays.fill(ones, 1);
        try (Tensor dy = backend.fromArray(dtype, like.rows(), like.cols(), ones)) {
            return Matrix.of(backend, layer.backward(dy, true));
        }
    }

    private static double[] flatten(double[][] rows) {
        int cols = rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return flat;
    }
}
