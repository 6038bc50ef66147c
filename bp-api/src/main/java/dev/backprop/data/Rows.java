package dev.backprop.data;

/**
 * How a data set stores its rows: each implementation writes row {@code i} as {@code double}s into a
 * batch array. Compact storage keeps large data sets small (Fashion-MNIST's pixels are bytes).
 */
sealed interface Rows permits Rows.Doubles, Rows.UnsignedBytes, Rows.OneHot {

    /** Number of rows. */
    int count();

    /** Values per row. */
    int width();

    /** Writes row {@code row} into {@code out} from {@code offset}. */
    void copyRow(int row, double[] out, int offset);

    /** Row-major {@code double}s. */
    record Doubles(double[] values, int width) implements Rows {
        @Override
        public int count() {
            return values.length / width;
        }

        @Override
        public void copyRow(int row, double[] out, int offset) {
            System.arraycopy(values, row * width, out, offset, width);
        }
    }

    /** Row-major unsigned bytes, each multiplied by {@code scale} (pixels 0..255 times 1/255). */
    record UnsignedBytes(byte[] values, int width, double scale) implements Rows {
        @Override
        public int count() {
            return values.length / width;
        }

        @Override
        public void copyRow(int row, double[] out, int offset) {
            int start = row * width;
            for (int j = 0; j < width; j++) {
                out[offset + j] = (values[start + j] & 0xFF) * scale;
            }
        }
    }

    /** Class labels, written as one-hot rows of {@code width} classes. */
    record OneHot(int[] labels, int width) implements Rows {
        @Override
        public int count() {
            return labels.length;
        }

        @Override
        public void copyRow(int row, double[] out, int offset) {
            java.util.Arrays.fill(out, offset, offset + width, 0.0);
            out[offset + labels[row]] = 1.0;
        }
    }
}
