package dev.backprop.data;

/** Checks of {@code double[][]} arguments shared by the public API, with messages that say where. */
public final class Matrices {

    private Matrices() {
    }

    /**
     * {@code rows} is non-empty, rectangular with {@code width} columns and finite.
     *
     * @param what how the message names the argument, e.g. {@code "features"}
     * @throws IllegalArgumentException naming the first offending row and column
     */
    public static void checkRows(String what, double[][] rows, int width) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(what + " is empty: need at least one row");
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != width) {
                throw new IllegalArgumentException(what + " row " + r + " has "
                        + (rows[r] == null ? "no values" : rows[r].length + " columns") + ", expected " + width);
            }
            for (int c = 0; c < width; c++) {
                if (!Double.isFinite(rows[r][c])) {
                    throw new IllegalArgumentException(what + " [" + r + "][" + c + "] is " + rows[r][c]
                            + "; only finite values are accepted");
                }
            }
        }
    }
}
