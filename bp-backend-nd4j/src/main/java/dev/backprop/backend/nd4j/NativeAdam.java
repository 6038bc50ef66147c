package dev.backprop.backend.nd4j;

import dev.backprop.spi.AdamStep;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SPI's Adam update (PyTorch's formula) as libnd4j's {@code adam_updater}, one native pass over the
 * parameter instead of the composition's eight, then {@code param -= update}. libnd4j's updater computes
 * {@code m' = β₁m + (1-β₁)g}, {@code v' = β₂v + (1-β₂)g²} and the update {@code α_t m' / (√v' + ε)} with
 * {@code α_t = lr √(1-β₂ᵗ)/(1-β₁ᵗ)} from its own step count. PyTorch's {@code lr/(1-β₁ᵗ) · m' / (√v'/√(1-β₂ᵗ)
 * + ε)} is the same expression with {@code lr' = lr √(1-β₂ᵗ)/(1-β₁ᵗ)} and {@code ε' = ε √(1-β₂ᵗ)}, so this
 * passes those, with a step count so large ({@value #ITERATION}) that libnd4j's own corrections are exactly
 * 1 in either precision. The scalars go in as arrays of one element rewritten in place, and the step count
 * is fixed, so the native context is made once and a step allocates no native buffer.
 */
final class NativeAdam {

    /** libnd4j's iteration argument (its {@code t} is this + 1): {@code β^t} underflows to 0 for the betas taken. */
    static final long ITERATION = 999_999_999L;
    private static final long[] INTEGER_ARGUMENTS = {ITERATION};

    private final NativeOps ops;
    private final INDArray[] inputs = new INDArray[7];
    private final INDArray[] outputs = new INDArray[3];
    private final INDArray learningRate;
    private final INDArray beta1;
    private final INDArray beta2;
    private final INDArray epsilon;

    NativeAdam(NativeOps ops, DataType type) {
        this.ops = ops;
        this.learningRate = Nd4j.scalar(type, 0);
        this.beta1 = Nd4j.scalar(type, 0);
        this.beta2 = Nd4j.scalar(type, 0);
        this.epsilon = Nd4j.scalar(type, 0);
    }

    /**
     * Whether libnd4j's corrections of {@code step}'s betas are exactly 1 at {@link #ITERATION} in the
     * element type, so that the update is PyTorch's; otherwise (a beta within about 1e-8 of 1) the
     * caller composes it.
     */
    static boolean applies(AdamStep step, DataType type) {
        return fullyCorrected(step.beta1(), type) && fullyCorrected(step.beta2(), type);
    }

    private static boolean fullyCorrected(double beta, DataType type) {
        double rounded = type == DataType.FLOAT ? (float) beta : beta;
        return rounded < 1 && 1 - Math.pow(rounded, ITERATION + 1) == 1;
    }

    /** {@code param} takes one Adam step; {@code m} and {@code v} are updated, {@code update} is scratch. */
    void update(INDArray param, INDArray gradient, INDArray m, INDArray v, INDArray update, AdamStep step) {
        double correction2 = Math.sqrt(step.biasCorrection2());
        learningRate.putScalar(0, step.learningRate() * correction2 / step.biasCorrection1());
        beta1.putScalar(0, step.beta1());
        beta2.putScalar(0, step.beta2());
        epsilon.putScalar(0, step.epsilon() * correction2);
        inputs[0] = gradient;
        inputs[1] = v;
        inputs[2] = m;
        inputs[3] = learningRate;
        inputs[4] = beta1;
        inputs[5] = beta2;
        inputs[6] = epsilon;
        outputs[0] = update;
        outputs[1] = v;
        outputs[2] = m;
        try {
            ops.run("adam_updater", INTEGER_ARGUMENTS, inputs, outputs);
        } finally {
            Arrays.fill(inputs, null);
            Arrays.fill(outputs, null);
        }
        Nd4j.exec(new SubOp(param, update, param));
    }
}
