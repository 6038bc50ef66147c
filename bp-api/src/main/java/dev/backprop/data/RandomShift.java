package dev.backprop.data;

import dev.backprop.init.SeededRandom;
import dev.backprop.spi.Shape;
import java.util.Arrays;

/** {@link Augmentation#randomShift}: whole-pixel translations with zero fill. */
final class RandomShift implements Augmentation {

    private static final long serialVersionUID = 1L;

    private final int channels;
    private final int height;
    private final int width;
    private final int maxShift;
    private transient double[] plane;

    RandomShift(Shape sample, int maxShift) {
        if (sample.rank() != 3) {
            throw new IllegalArgumentException("random shifts move images [channels x height x width], got " + sample);
        }
        this.channels = sample.dim(0);
        this.height = sample.dim(1);
        this.width = sample.dim(2);
        if (maxShift < 1 || maxShift >= height || maxShift >= width) {
            throw new IllegalArgumentException("the largest shift must be at least 1 and smaller than the image "
                    + height + "x" + width + ", got " + maxShift);
        }
        this.maxShift = maxShift;
    }

    @Override
    public void apply(double[] features, int rows, int featuresPerSample, SeededRandom random) {
        if (featuresPerSample != channels * height * width) {
            throw new IllegalArgumentException("random shift of " + channels + "x" + height + "x" + width
                    + " images got samples of " + featuresPerSample + " values");
        }
        if (plane == null) {
            plane = new double[height * width];
        }
        for (int r = 0; r < rows; r++) {
            int dy = random.nextInt(2 * maxShift + 1) - maxShift;
            int dx = random.nextInt(2 * maxShift + 1) - maxShift;
            if (dy == 0 && dx == 0) {
                continue;
            }
            for (int c = 0; c < channels; c++) {
                shift(features, (r * channels + c) * height * width, dy, dx);
            }
        }
    }

    /** Moves one plane by {@code (dy, dx)}: {@code out[i][j] = in[i - dy][j - dx]}, 0 outside. */
    private void shift(double[] values, int offset, int dy, int dx) {
        Arrays.fill(plane, 0);
        int fromCol = Math.max(0, -dx);
        int toCol = Math.min(width, width - dx);
        for (int i = Math.max(0, dy); i < Math.min(height, height + dy); i++) {
            System.arraycopy(values, offset + (i - dy) * width + fromCol, plane, i * width + fromCol + dx,
                    toCol - fromCol);
        }
        System.arraycopy(plane, 0, values, offset, plane.length);
    }
}
