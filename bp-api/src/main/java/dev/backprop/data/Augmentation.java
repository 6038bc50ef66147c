package dev.backprop.data;

import dev.backprop.init.SeededRandom;
import dev.backprop.spi.Shape;
import java.io.Serializable;

/**
 * Changes the samples of a training batch before they are uploaded: data augmentation. It runs in Java
 * on the batch's host copy (never on the data set), from a {@link SeededRandom} of the trainer's seed,
 * so every backend trains on the same augmented batches and a run repeats exactly. Validation,
 * evaluation and prediction see the data unchanged.
 */
@FunctionalInterface
public interface Augmentation extends Serializable {

    /**
     * Changes {@code rows} samples in place.
     *
     * @param features {@code rows × featuresPerSample} values, row-major (at least; more may follow)
     * @param random the trainer's augmentation stream
     */
    void apply(double[] features, int rows, int featuresPerSample, SeededRandom random);

    /**
     * Shifts each image by a random whole number of pixels, {@code -maxShift} to {@code maxShift}
     * vertically and horizontally (drawn per sample, the same for all its channels), filling the
     * uncovered border with 0: a digit or a garment moved a little is still itself.
     *
     * @param sample one sample {@code [C, H, W]}
     * @param maxShift at least 1 and less than the image's height and width
     */
    static Augmentation randomShift(Shape sample, int maxShift) {
        return new RandomShift(sample, maxShift);
    }
}
