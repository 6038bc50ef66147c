package dev.backprop.nn;

import dev.backprop.spi.Shape;
import dev.backprop.spi.Window2d;

/** Output shapes of the pooling layers, per sample. */
final class Pooling {

    private Pooling() {
    }

    /** {@code [C, OH, OW]} for a sample {@code [C, H, W]}. */
    static Shape outputShape(Shape sample, Window2d window) {
        requireImages(sample);
        if (!window.unpadded()) {
            throw new IllegalArgumentException("pooling takes no padding, got " + window);
        }
        return Shape.of(sample.dim(0), window.outputHeight(sample.dim(1)), window.outputWidth(sample.dim(2)));
    }

    static void requireImages(Shape sample) {
        if (sample.rank() != 3) {
            throw new IllegalArgumentException("pooling takes images [channels x height x width] per sample, got "
                    + sample + " (give the builder input(c, h, w), and no flatten before it)");
        }
    }
}
