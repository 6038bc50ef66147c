package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.examples.cli.XorCommandTest.Run;
import dev.backprop.numeric.Comparison;
import dev.backprop.numeric.Tolerances;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExplainCommandTest {

    /** The promise for float64: every gradient within ~1e-9 of its central finite difference. */
    private static final double FLOAT64_AGREEMENT = 1e-9;
    /**
     * Float32 with step 1e-2: rounding, {@code u32·|J|/h ≈ 6e-8·0.25/1e-2 ≈ 1.5e-6}, dominates; 1e-4
     * leaves room for the larger losses of later steps and still fails a wrong derivative (1e-2 or more).
     */
    private static final double FLOAT32_AGREEMENT = 1e-4;
    private static final Pattern DIFFERENCE = Pattern.compile("\\|gradient − finite difference\\|[^:=]*[:=] (\\S+)");

    private static List<Double> differences(String out) {
        List<Double> found = new ArrayList<>();
        Matcher m = DIFFERENCE.matcher(out);
        while (m.find()) {
            found.add(Double.parseDouble(m.group(1)));
        }
        return found;
    }

    @ParameterizedTest(name = "bp explain xor on {0}: every float64 gradient agrees with its finite difference to 1e-9")
    @MethodSource("dev.backprop.examples.cli.XorCommandTest#backendsOnTheClassPath")
    void finiteDifferencesAgreeOnEveryBackend(String backend) {
        Run run = XorCommandTest.bp("explain", "xor", "--backend", backend);
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("backend " + backend + ", float64, seed 7"), run.out());
        List<Double> differences = differences(run.out());
        assertEquals(10, differences.size(), "9 gradients and the step's largest: " + run.out());
        for (double d : differences) {
            assertTrue(d <= FLOAT64_AGREEMENT, d + " in\n" + run.out());
        }
        for (String symbol : new String[] {"x [4×2]", "z₁ = x·W₁ + b₁ [4×5]", "a₂ = σ(z₂) [4×1]",
            "J = (1/4)·Σ (a₂ − y)² [1×1]", "∂J/∂a₂ = (2/4)·(a₂ − y) [4×1]", "δ₂ = ∂J/∂z₂", "∂J/∂W₂ = a₁ᵀ·δ₂ [5×1]",
            "∂J/∂b₁ = column sums of δ₁ [1×5]", "∂J/∂x = δ₁·W₁ᵀ [4×2]", "W₁ ← W₁ − α·∂J/∂W₁ [2×5]"}) {
            assertTrue(run.out().contains(symbol), symbol + " in\n" + run.out());
        }
    }

    @Test
    void float32DifferencesAreCoarserButAgree() {
        Run run = XorCommandTest.bp("explain", "xor", "--backend", "ejml", "--dtype", "float32");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("h = 1e-02"), run.out());
        for (double d : differences(run.out())) {
            assertTrue(d <= FLOAT32_AGREEMENT, d + " in\n" + run.out());
        }
    }

    @Test
    void stepNIsStepNOfBpXor() {
        Run xor = XorCommandTest.bp("xor", "--backend", "pure", "--epochs", "100", "--print-every", "100");
        Matcher epoch100 = Pattern.compile("epoch   100  loss (\\S+)").matcher(xor.out());
        assertTrue(epoch100.find(), xor.out());
        Run explain = XorCommandTest.bp("explain", "xor", "--backend", "pure", "--step", "100");
        assertEquals(0, explain.exitCode(), explain.err());
        assertTrue(explain.out().contains("step 100 of gradient descent"), explain.out());
        assertTrue(explain.out().contains("after 99 steps"), explain.out());
        Matcher loss = Pattern.compile("J = [^\n]*\n +(\\S+)").matcher(explain.out());
        assertTrue(loss.find(), explain.out());
        assertEquals(epoch100.group(1), loss.group(1), "J of step 100 is bp xor's loss of epoch 100");
    }

    @Test
    void jsonHasTheSameValuesAndTheUpdateIsTheGradientStep() throws Exception {
        Run run = XorCommandTest.bp("explain", "xor", "--backend", "pure", "--json", "--lr", "0.5", "--seed", "3");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals("pure", root.get("backend").asText());
        assertEquals(3, root.get("seed").asLong());
        assertEquals(0.5, root.get("learningRate").asDouble());
        assertTrue(root.get("maxDifference").asDouble() <= FLOAT64_AGREEMENT, run.out());
        JsonNode forward = root.get("sections").get(0);
        JsonNode backward = root.get("sections").get(1);
        JsonNode update = root.get("sections").get(2);
        assertEquals(List.of("forward", "backward", "update"),
                List.of(forward.get("name").asText(), backward.get("name").asText(), update.get("name").asText()));
        assertEquals(root.get("loss").asDouble(), quantity(forward, "J").get("value").get(0).get(0).asDouble());
        double[] w1 = flat(quantity(forward, "W₁").get("value"));
        double[] gradient = flat(quantity(backward, "∂J/∂W₁").get("value"));
        double[] after = flat(quantity(update, "W₁").get("value"));
        double[] expected = new double[w1.length];
        for (int i = 0; i < w1.length; i++) {
            expected[i] = w1[i] - 0.5 * gradient[i];
        }
        Comparison c = Tolerances.FLOAT64_OP.compare(expected, after);
        assertTrue(c.passed(), c.describeWorst(5));
        JsonNode dW2 = quantity(backward, "∂J/∂W₂");
        assertEquals("[5,1]", dW2.get("shape").toString());
        assertEquals(5, dW2.get("finiteDifference").size());
        assertEquals("Dense.backward", dW2.get("computedBy").asText());
    }

    private static JsonNode quantity(JsonNode section, String symbol) {
        for (JsonNode q : section.get("quantities")) {
            if (q.get("symbol").asText().equals(symbol)) {
                return q;
            }
        }
        throw new AssertionError("no " + symbol + " in " + section);
    }

    private static double[] flat(JsonNode rows) {
        List<Double> values = new ArrayList<>();
        rows.forEach(row -> row.forEach(v -> values.add(v.asDouble())));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void badOptionsGetAUsageMessageAndExitCode2() {
        for (String[] args : new String[][] {{"explain"}, {"explain", "mnist"}, {"explain", "xor", "--step", "0"},
            {"explain", "xor", "--step", "x"}, {"explain", "xor", "--step", "1000001"}, {"explain", "xor", "--lr", "0"},
            {"explain", "xor", "--lr", "-1"}, {"explain", "xor", "--lr", "NaN"}, {"explain", "xor", "--dtype", "float16"},
            {"explain", "xor", "--seed", "seven"}, {"explain", "xor", "--frobnicate"}}) {
            Run run = XorCommandTest.bp(args);
            String what = String.join(" ", args) + ": " + run.err();
            assertEquals(2, run.exitCode(), what);
            assertTrue(run.err().contains("Usage: bp explain"), what);
            assertFalse(run.err().contains("\tat "), what);
            assertTrue(run.out().isEmpty(), what);
        }
        Run mnist = XorCommandTest.bp("explain", "mnist");
        assertTrue(mnist.err().contains("Unknown network 'mnist'; bp explain knows: xor"), mnist.err());
        Run step = XorCommandTest.bp("explain", "xor", "--step", "0");
        assertTrue(step.err().contains("step must be in [1, 1000000], got 0"), step.err());
    }

    @Test
    void anUnknownBackendIsAClearError() {
        Run run = XorCommandTest.bp("explain", "xor", "--backend", "nosuch");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("No backend named 'nosuch'"), run.err());
    }
}
