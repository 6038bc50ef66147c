package dev.backprop.examples.explain;

import java.io.PrintWriter;

/** Writes an {@link Explanation} as text or as JSON. */
public final class ExplainPrinter {

    private ExplainPrinter() {
    }

    /** Writes {@code explanation} to {@code out}, as JSON if {@code json}. */
    public static void print(Explanation explanation, boolean json, PrintWriter out) {
        if (json) {
            ExplanationJson.print(explanation, out);
        } else {
            ExplanationText.print(explanation, out);
        }
    }
}
