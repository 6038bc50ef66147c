package dev.backprop.train;

/**
 * Training produced a loss or parameters that are NaN or infinite. The trainer has restored the
 * model's parameters to their values at the start of the failing epoch, so the model holds finite
 * numbers; the optimizer's state is not restored.
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    TrainingDivergedException(String message, int epoch, int batch) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** 1-based epoch where it happened. */
    public int epoch() {
        return epoch;
    }

    /** 1-based batch where it happened, 0 if found at the end of the epoch. */
    public int batch() {
        return batch;
    }
}
