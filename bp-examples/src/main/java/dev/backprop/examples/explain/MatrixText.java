package dev.backprop.examples.explain;

import dev.backprop.inspect.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Matrices as aligned text: one number format for all matrices shown together (six decimals, or
 * five significant digits in scientific notation when every value is below 0.01 in magnitude), columns
 * right-aligned to the widest value.
 */
final class MatrixText {

    private final String format;
    private final int width;

    private MatrixText(String format, int width) {
        this.format = format;
        this.width = width;
    }

    /** A layout that fits every value of {@code matrices}. */
    static MatrixText fitting(Matrix... matrices) {
        double max = 0;
        for (Matrix m : matrices) {
            max = Math.max(max, m.maxAbs());
        }
        String format = max == 0 || max >= 1e-2 ? "%.6f" : "%.4e";
        int width = 1;
        for (Matrix m : matrices) {
            for (double v : m.values()) {
                width = Math.max(width, String.format(Locale.ROOT, format, v).length());
            }
        }
        return new MatrixText(format, width);
    }

    /** The rows of {@code m}, values separated by two spaces. */
    List<String> rows(Matrix m) {
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < m.rows(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < m.cols(); c++) {
                line.append(c == 0 ? "" : "  ").append(cell(m.get(r, c)));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The width of one row of {@code cols} values. */
    int rowWidth(int cols) {
        return cols * width + (cols - 1) * 2;
    }

    private String cell(double value) {
        String text = String.format(Locale.ROOT, format, value);
        return " ".repeat(width - text.length()) + text;
    }
}
