package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.numeric.Tolerances;
import dev.backprop.spi.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CNN's ops, taken apart for timing, compute what the convolutions compute. */
class CnnOpTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"pure", "ejml"})
    void theTimedStepsOfEachConvolutionAreTheConvolution(String backend) {
        CnnOpTimes times = new CnnOpTimes(Backends.get(backend), DType.FLOAT32, 2);
        double error = times.worstDecompositionError();
        // The steps and conv2d differ at most in where the bias is added: a rounding or two in float32.
        assertTrue(error <= Tolerances.op(DType.FLOAT32).relative(), backend + ": relative error " + error);
    }
}
