package dev.backprop.examples.explain;

import dev.backprop.inspect.Matrix;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints an {@link Explanation} for a terminal: one block per value, gradients beside their finite differences. */
final class ExplanationText {

    private static final String INDENT = "    ";
    private static final String BETWEEN = "  |  ";

    private ExplanationText() {
    }

    static void print(Explanation e, PrintWriter out) {
        out.printf(Locale.ROOT, "bp explain %s: step %d of gradient descent on the tutorial's 2-5-1 network%n",
                e.network(), e.step());
        out.printf(Locale.ROOT, "backend %s, %s, seed %d, learning rate α = %s, batch: the 4 XOR rows%n",
                e.backend(), e.dtype().id(), e.seed(), e.learningRate());
        out.printf(Locale.ROOT, "finite differences: (J(v + h) − J(v − h)) / 2h with h = %.0e%n",
                e.finiteDifferenceStep());
        Quantity worst = null;
        for (Explanation.Section section : e.sections()) {
            out.println();
            out.println(section.title());
            for (Quantity q : section.quantities()) {
                out.println();
                print(q, "update".equals(section.name()) ? " ← " : " = ", out);
                if (q.isGradient() && (worst == null || q.maxDifference() > worst.maxDifference())) {
                    worst = q;
                }
            }
        }
        out.println();
        if (worst != null) {
            out.printf(Locale.ROOT, "largest |gradient − finite difference| of the step: %.1e (%s)%n",
                    worst.maxDifference(), worst.symbol());
        }
        out.flush();
    }

    private static void print(Quantity q, String relation, PrintWriter out) {
        Matrix value = q.value();
        String definition = q.formula().isEmpty() ? q.symbol() : q.symbol() + relation + q.formula();
        out.printf(Locale.ROOT, "%s %s  %s%n", definition, value.shape(), q.computedBy());
        if (!q.isGradient()) {
            MatrixText text = MatrixText.fitting(value);
            text.rows(value).forEach(row -> out.println(INDENT + row));
            return;
        }
        MatrixText text = MatrixText.fitting(value, q.finiteDifference());
        int width = text.rowWidth(value.cols());
        String left = "gradient";
        out.println(INDENT + " ".repeat(Math.max(0, width - left.length())) + left + BETWEEN + "finite difference");
        List<String> analytic = text.rows(value);
        List<String> numeric = text.rows(q.finiteDifference());
        for (int r = 0; r < analytic.size(); r++) {
            out.println(INDENT + analytic.get(r) + BETWEEN + numeric.get(r));
        }
        out.printf(Locale.ROOT, "%smax |gradient − finite difference| = %.1e%n", INDENT, q.maxDifference());
    }
}
