package dev.backprop.train;

import dev.backprop.nn.Parameter;
import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;
import java.util.List;

/** Clipping of the gradients' global L2 norm: {@code g ← g · max / ‖g‖} when {@code ‖g‖ > max}. */
final class GradientClipping {

    private final double maxNorm;

    /** @param maxNorm the largest norm let through; 0 or less turns clipping off */
    GradientClipping(double maxNorm) {
        this.maxNorm = maxNorm;
    }

    /**
     * Clips the gradients of {@code parameters} in place.
     *
     * @return the norm before clipping (NaN or infinite when the gradients are; nothing is scaled then),
     *     or 0 when clipping is off
     */
    double clip(Backend backend, List<Parameter> parameters) {
        if (maxNorm <= 0) {
            return 0;
        }
        double squares = 0;
        for (int i = 0; i < parameters.size(); i++) {
            Tensor gradient = parameters.get(i).gradient();
            squares += backend.dot(gradient, gradient);
        }
        double norm = Math.sqrt(squares);
        if (Double.isFinite(norm) && norm > maxNorm) {
            double scale = maxNorm / norm;
            for (int i = 0; i < parameters.size(); i++) {
                Tensor gradient = parameters.get(i).gradient();
                backend.affine(gradient, scale, 0, gradient);
            }
        }
        return norm;
    }
}
