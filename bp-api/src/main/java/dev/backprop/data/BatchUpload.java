package dev.backprop.data;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;

/**
 * Moves mini-batches onto a backend: features as {@code [rows, ...sample shape]} (so images arrive
 * as {@code [N, C, H, W]}), targets as {@code [rows x targets]}. The two tensors are reused while the
 * batch size stays, so a steady training step allocates nothing here. Used by the trainer and by
 * evaluation alike.
 */
public final class BatchUpload implements AutoCloseable {

    private final Backend backend;
    private final DType dtype;
    private final Shape sampleShape;
    private final int targetCount;
    private Tensor features;
    private Tensor targets;

    /**
     * @param sampleShape shape of one input sample, e.g. {@code [784]} or {@code [1, 28, 28]}
     * @param targetCount target values per sample
     */
    public BatchUpload(Backend backend, DType dtype, Shape sampleShape, int targetCount) {
        this.backend = backend;
        this.dtype = dtype;
        this.sampleShape = sampleShape;
        this.targetCount = targetCount;
    }

    /** Uploads {@code batch}; {@link #features()} and {@link #targets()} then hold it. */
    public void upload(MiniBatches.Batch batch) {
        if (features == null || features.rows() != batch.rows()) {
            close();
            int[] dims = new int[sampleShape.rank() + 1];
            dims[0] = batch.rows();
            System.arraycopy(sampleShape.dims(), 0, dims, 1, sampleShape.rank());
            features = backend.allocate(dtype, Shape.of(dims));
            targets = backend.allocate(dtype, batch.rows(), targetCount);
        }
        backend.upload(batch.features(), 0, features);
        backend.upload(batch.targets(), 0, targets);
    }

    /** The last batch's features. */
    public Tensor features() {
        return features;
    }

    /** The last batch's targets. */
    public Tensor targets() {
        return targets;
    }

    /** Releases both tensors. */
    @Override
    public void close() {
        if (features != null) {
            features.close();
            targets.close();
            features = null;
            targets = null;
        }
    }
}
