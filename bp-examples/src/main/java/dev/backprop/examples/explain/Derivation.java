package dev.backprop.examples.explain;

import dev.backprop.inspect.LayerTrace;
import dev.backprop.inspect.Matrix;
import dev.backprop.inspect.ParameterTrace;
import dev.backprop.inspect.Trace;
import dev.backprop.nn.Activation;
import dev.backprop.nn.ActivationLayer;
import dev.backprop.nn.Dense;
import dev.backprop.nn.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Names the values of a traced step of a stack of dense layers, each optionally followed by an
 * element-wise activation, as the tutorial writes them ({@code z₁ = x·W₁ + b₁}, {@code a₁ = σ(z₁)},
 * {@code δ₁ = ∂J/∂z₁}, ...), and puts them in the order they are computed.
 */
final class Derivation {

    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

    private final List<Layer> layers;
    private final Trace trace;
    /** Symbol of each traced layer's output; index -1 of the list is the input {@code x}. */
    private final List<String> outputs = new ArrayList<>();
    /** Number of each dense layer (1, 2, ...), or of the dense layer an activation follows. */
    private final List<Integer> numbers = new ArrayList<>();

    Derivation(List<Layer> layers, Trace trace) {
        this.layers = layers.subList(0, trace.layers().size());
        this.trace = trace;
        int dense = 0;
        for (Layer layer : this.layers) {
            if (layer instanceof Dense) {
                dense++;
                outputs.add("z" + sub(dense));
            } else if (layer instanceof ActivationLayer a && a.activation().kind() != Activation.Kind.SOFTMAX
                    && dense > 0 && this.layers.get(numbers.size() - 1) instanceof Dense) {
                outputs.add("a" + sub(dense));
            } else {
                throw new IllegalArgumentException("explain handles dense layers, each optionally followed by an "
                        + "element-wise activation; found " + layer);
            }
            numbers.add(dense);
        }
    }

    /** The forward section: inputs, each layer's parameters and output, the targets and the loss. */
    Explanation.Section forward(String parameterOrigin) {
        List<Quantity> q = new ArrayList<>();
        q.add(Quantity.of("x", "", "the inputs", trace.input()));
        for (int i = 0; i < layers.size(); i++) {
            LayerTrace t = trace.layers().get(i);
            int k = numbers.get(i);
            if (layers.get(i) instanceof Dense) {
                q.add(Quantity.of("W" + sub(k), "", t.name() + ".W, " + parameterOrigin, t.parameters().get(0).value()));
                q.add(Quantity.of("b" + sub(k), "", t.name() + ".b, " + parameterOrigin, t.parameters().get(1).value()));
                q.add(Quantity.of(outputs.get(i), input(i) + "·W" + sub(k) + " + b" + sub(k), "Dense.forward",
                        t.output()));
            } else {
                q.add(Quantity.of(outputs.get(i), function(i) + "(" + outputs.get(i - 1) + ")",
                        "ActivationLayer.forward", t.output()));
            }
        }
        q.add(Quantity.of("y", "", "the targets", trace.target()));
        Matrix prediction = trace.prediction();
        q.add(Quantity.of("J", lossFormula(prediction), lossClass() + ".forward",
                new Matrix(1, 1, new double[] {trace.value()})));
        return new Explanation.Section("forward", "FORWARD: inputs to loss", q);
    }

    /** The backward section: every gradient from the loss's back to the input's. */
    Explanation.Section backward() {
        List<Quantity> q = new ArrayList<>();
        int last = layers.size() - 1;
        LayerTrace top = trace.layers().get(last);
        q.add(gradient("∂J/∂" + outputs.get(last), lossGradientFormula(), lossClass() + ".forward",
                top.outputGradient()));
        for (int i = last; i >= 0; i--) {
            LayerTrace t = trace.layers().get(i);
            int k = numbers.get(i);
            if (layers.get(i) instanceof ActivationLayer a) {
                String z = outputs.get(i - 1);
                q.add(Quantity.of(function(i) + "'(" + z + ")", derivativeFormula(a.activation(), outputs.get(i), z),
                        "FusedOps." + backwardOp(a.activation()), t.derivative()));
                q.add(gradient("δ" + sub(k) + " = ∂J/∂" + z, "∂J/∂" + outputs.get(i) + " ⊙ " + function(i) + "'(" + z
                        + ")", "ActivationLayer.backward", t.inputGradient()));
            } else {
                String delta = i < last && layers.get(i + 1) instanceof ActivationLayer ? "δ" + sub(k)
                        : "∂J/∂" + outputs.get(i);
                ParameterTrace w = t.parameters().get(0);
                ParameterTrace b = t.parameters().get(1);
                q.add(gradient("∂J/∂W" + sub(k), input(i) + "ᵀ·" + delta, "Dense.backward", w.gradient()));
                q.add(gradient("∂J/∂b" + sub(k), "column sums of " + delta, "Dense.backward", b.gradient()));
                q.add(gradient("∂J/∂" + input(i), delta + "·W" + sub(k) + "ᵀ", "Dense.backward", t.inputGradient()));
            }
        }
        return new Explanation.Section("backward", "BACKWARD: gradient | central finite difference", q);
    }

    /** The update section: each parameter after {@code θ ← θ − α·∂J/∂θ}, from its values after the step. */
    Explanation.Section update(double learningRate, Map<String, Matrix> after) {
        List<Quantity> q = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            int k = numbers.get(i);
            for (ParameterTrace p : trace.layers().get(i).parameters()) {
                String symbol = (p.name().endsWith(".W") ? "W" : "b") + sub(k);
                q.add(Quantity.of(symbol, symbol + " − α·∂J/∂" + symbol, "Sgd.step", after.get(p.name())));
            }
        }
        return new Explanation.Section("update", "UPDATE: θ ← θ − α·∂J/∂θ with α = " + learningRate, q);
    }

    private static Quantity gradient(String symbol, String formula, String computedBy,
            dev.backprop.inspect.Gradient gradient) {
        return new Quantity(symbol, formula, computedBy, gradient.analytic(), gradient.numeric());
    }

    private String input(int layer) {
        return layer == 0 ? "x" : outputs.get(layer - 1);
    }

    private String function(int layer) {
        Activation activation = ((ActivationLayer) layers.get(layer)).activation();
        return activation.kind() == Activation.Kind.SIGMOID ? "σ" : activation.id();
    }

    private static String derivativeFormula(Activation activation, String a, String z) {
        return switch (activation.kind()) {
            case SIGMOID -> a + "·(1 − " + a + ")";
            case TANH -> "1 − " + a + "²";
            case RELU -> "1 where " + z + " > 0, else 0";
            case LEAKY_RELU -> "1 where " + z + " > 0, else " + activation.slope();
            case IDENTITY -> "1";
            case SOFTMAX -> throw new IllegalArgumentException("softmax has no element-wise derivative");
        };
    }

    private static String backwardOp(Activation activation) {
        return switch (activation.kind()) {
            case SIGMOID -> "sigmoidBackward";
            case TANH -> "tanhBackward";
            case RELU, LEAKY_RELU -> "leakyReluBackward";
            case IDENTITY, SOFTMAX -> "none";
        };
    }

    private String lossClass() {
        return switch (trace.loss()) {
            case "mse" -> "MeanSquaredError";
            case "binary_cross_entropy" -> "BinaryCrossEntropy";
            default -> "SoftmaxCrossEntropy";
        };
    }

    private String lossFormula(Matrix prediction) {
        String a = outputs.get(outputs.size() - 1);
        return "mse".equals(trace.loss())
                ? "(1/" + prediction.rows() * prediction.cols() + ")·Σ (" + a + " − y)²"
                : trace.loss() + "(" + a + ", y)";
    }

    private String lossGradientFormula() {
        Matrix prediction = trace.prediction();
        String a = outputs.get(outputs.size() - 1);
        return "mse".equals(trace.loss())
                ? "(2/" + prediction.rows() * prediction.cols() + ")·(" + a + " − y)"
                : "the loss's gradient";
    }

    private static String sub(int number) {
        StringBuilder text = new StringBuilder();
        for (char c : Integer.toString(number).toCharArray()) {
            text.append(SUBSCRIPTS.charAt(c - '0'));
        }
        return text.toString();
    }
}
