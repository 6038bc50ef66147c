package dev.backprop.examples.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.inspect.Matrix;
import dev.backprop.inspect.Trace;
import dev.backprop.inspect.Tracer;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

class DerivationTest {

    private static final double[][] X = {{0.5, -1}, {2, 0.25}};
    private static final double[][] T = {{1}, {0}};

    private static Trace trace(Sequential model) {
        try (Loss loss = Loss.mse()) {
            return new Tracer(model, loss).trace(X, T, 1e-6);
        }
    }

    @Test
    void namesATanhNetworkWithItsOwnDerivative() {
        try (Sequential model = Sequential.builder().input(2).dense(3, Activation.tanh()).dense(1).seed(1)
                .backend(Backends.get("pure")).build()) {
            Derivation derivation = new Derivation(model.layers(), trace(model));
            List<String> forward = derivation.forward("given").quantities().stream()
                    .map(q -> q.symbol() + " = " + q.formula()).toList();
            assertEquals(List.of("x = ", "W₁ = ", "b₁ = ", "z₁ = x·W₁ + b₁", "a₁ = tanh(z₁)",
                    "W₂ = ", "b₂ = ", "z₂ = a₁·W₂ + b₂", "y = ", "J = (1/2)·Σ (z₂ − y)²"), forward);
            List<Quantity> backward = derivation.backward().quantities();
            Quantity derivative = backward.stream().filter(q -> q.symbol().equals("tanh'(z₁)")).findFirst()
                    .orElseThrow(() -> new AssertionError(backward));
            assertEquals("1 − a₁²", derivative.formula());
            assertEquals("FusedOps.tanhBackward", derivative.computedBy());
            Quantity dW2 = backward.stream().filter(q -> q.symbol().equals("∂J/∂W₂")).findFirst().orElseThrow();
            assertEquals("a₁ᵀ·∂J/∂z₂", dW2.formula(), "no activation after the last dense layer: no δ₂");
        }
    }

    @Test
    void rejectsWhatItCannotName() {
        try (Sequential softmax = Sequential.builder().input(2).dense(2, Activation.softmax()).seed(1)
                .backend(Backends.get("pure")).build();
                Sequential activationFirst = Sequential.builder().input(2).activation(Activation.sigmoid()).dense(1)
                        .seed(1).backend(Backends.get("pure")).build()) {
            Trace softmaxTrace;
            try (Loss loss = Loss.mse()) {
                softmaxTrace = new Tracer(softmax, loss).trace(X, new double[][] {{1, 0}, {0, 1}});
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Derivation(softmax.layers(), softmaxTrace));
            assertTrue(e.getMessage().contains("element-wise activation; found softmax_1"), e.getMessage());
            Trace first = trace(activationFirst);
            assertThrows(IllegalArgumentException.class, () -> new Derivation(activationFirst.layers(), first));
        }
    }

    @Test
    void matricesShareOneAlignedFormat() {
        Matrix small = new Matrix(1, 2, new double[] {1.5e-4, -2e-3});
        MatrixText text = MatrixText.fitting(small);
        assertEquals(List.of(" 1.5000e-04  -2.0000e-03"), text.rows(small));
        Matrix mixed = new Matrix(2, 2, new double[] {0.5, -12.25, 0, 1e-7});
        assertEquals(List.of("  0.500000  -12.250000", "  0.000000    0.000000"), MatrixText.fitting(mixed).rows(mixed));
        assertEquals(2 * 10 + 2, MatrixText.fitting(mixed).rowWidth(2));
    }
}
