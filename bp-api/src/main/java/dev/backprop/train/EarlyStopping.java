package dev.backprop.train;

/**
 * Stop training when the validation loss has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row.
 *
 * @param patience epochs without improvement before stopping, at least 1
 * @param minDelta the smallest decrease that counts as an improvement, {@code >= 0}
 * @param restoreBest whether to put back the parameters of the best epoch when training ends
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBest) {

    /** Checks the ranges. */
    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("early-stopping patience must be at least 1, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early-stopping min delta must be finite and >= 0, got " + minDelta);
        }
    }

    /** Patience {@code patience}, any improvement counts, best parameters restored. */
    public static EarlyStopping patience(int patience) {
        return new EarlyStopping(patience, 0, true);
    }
}
