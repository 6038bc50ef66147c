package dev.backprop.gradcheck;

import dev.backprop.numeric.Comparison;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of a {@link GradientChecker} run: one comparison of finite differences (expected) with
 * the analytic gradient (actual) per parameter, and one for the input.
 *
 * @param entries per parameter, then {@code input}
 */
public record GradientCheckReport(List<Entry> entries) {

    /**
     * One compared gradient.
     *
     * @param name parameter name, or {@code input}
     * @param cols columns of the gradient matrix, for {@code [row][col]} indices in messages
     * @param comparison finite differences vs analytic values
     */
    public record Entry(String name, int cols, Comparison comparison) {
        /** One line: name, passed or failed, worst element. */
        public String describe() {
            return name + ": " + (comparison.passed() ? "ok" : "MISMATCH") + ", " + comparison.describeWorst(cols);
        }
    }

    /** Copies the list. */
    public GradientCheckReport {
        entries = List.copyOf(entries);
    }

    /** Whether every gradient matched. */
    public boolean passed() {
        return entries.stream().allMatch(e -> e.comparison().passed());
    }

    /** The entry with the largest error-to-tolerance ratio. */
    public Entry worst() {
        return entries.stream().max((a, b) -> Double.compare(a.comparison().worstRatio(),
                b.comparison().worstRatio())).orElseThrow();
    }

    @Override
    public String toString() {
        return entries.stream().map(Entry::describe).collect(Collectors.joining("\n"));
    }
}
