package dev.backprop.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.gradcheck.GradientCheckReport;
import dev.backprop.gradcheck.GradientChecker;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.DType;
import dev.backprop.spi.Window2d;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The analytic gradients of every layer, activation and loss, for parameters and input, against
 * central finite differences in float64 ({@link GradientChecker}, tolerance
 * {@link dev.backprop.numeric.Tolerances#FINITE_DIFFERENCE}).
 */
public abstract class FiniteDifferenceChecks {

    private final BackendConformance kit;

    /** For the kit's nested class. */
    protected FiniteDifferenceChecks(BackendConformance kit) {
        this.kit = kit;
    }

    /** A representative activation of each kind (leaky ReLU with a visible slope). */
    static Activation of(Activation.Kind kind) {
        return kind == Activation.Kind.LEAKY_RELU ? Activation.leakyRelu(0.1) : Activation.parse(kind.id());
    }

    private void check(Sequential model, Loss loss, double[][] x, double[][] t) {
        try (model; loss) {
            GradientCheckReport report = GradientChecker.check(model, loss, x, t);
            ConformanceReport.record("finite differences float64", report.worst().comparison().worstError(),
                    report.worst().comparison().worstRatio());
            assertTrue(report.passed(), () -> "gradient check failed on " + kit.backend().name() + ":\n" + report);
        }
    }

    @ParameterizedTest(name = "{0} between two dense layers, MSE")
    @EnumSource(Activation.Kind.class)
    void activation(Activation.Kind kind) {
        Sequential model = Networks.small(kit.backend(), DType.FLOAT64, 3, 4, of(kind), 2, Activation.identity(), 11);
        check(model, Loss.mse(), Networks.uniform(1, 5, 3, -1.5, 1.5), Networks.uniform(2, 5, 2, -1, 1));
    }

    @Test
    @DisplayName("a single dense layer, MSE")
    void dense() {
        Sequential model = Sequential.builder().input(4).dense(3).backend(kit.backend()).seed(3).build();
        check(model, Loss.mse(), Networks.uniform(3, 6, 4, -2, 2), Networks.uniform(4, 6, 3, -1, 1));
    }

    @Test
    @DisplayName("binary cross-entropy after a sigmoid output")
    void binaryCrossEntropy() {
        Sequential model = Networks.small(kit.backend(), DType.FLOAT64, 3, 5, Activation.tanh(), 2,
                Activation.sigmoid(), 5);
        check(model, Loss.binaryCrossEntropy(), Networks.uniform(5, 7, 3, -1, 1), Networks.uniform(6, 7, 2, 0, 1));
    }

    @Test
    @DisplayName("softmax cross-entropy on logits")
    void softmaxCrossEntropyOnLogits() {
        Sequential model = Networks.small(kit.backend(), DType.FLOAT64, 4, 6, Activation.relu(), 3,
                Activation.identity(), 7);
        check(model, Loss.softmaxCrossEntropy(), Networks.uniform(7, 5, 4, -1, 1), Networks.oneHot(8, 5, 3));
    }

    @Test
    @DisplayName("softmax cross-entropy absorbing a final softmax layer")
    void softmaxCrossEntropyAbsorbingSoftmax() {
        Sequential model = Networks.small(kit.backend(), DType.FLOAT64, 4, 6, Activation.tanh(), 3,
                Activation.softmax(), 9);
        check(model, Loss.softmaxCrossEntropy(), Networks.uniform(9, 5, 4, -1, 1), Networks.oneHot(10, 5, 3));
    }

    @Test
    @DisplayName("MSE on a softmax output (softmax's own backward pass)")
    void softmaxOutputWithMse() {
        Sequential model = Networks.small(kit.backend(), DType.FLOAT64, 3, 4, Activation.sigmoid(), 3,
                Activation.softmax(), 13);
        check(model, Loss.mse(), Networks.uniform(11, 4, 3, -1, 1), Networks.oneHot(12, 4, 3));
    }

    @Test
    @DisplayName("a deep narrow tanh network (6 dense layers)")
    void deepNarrow() {
        Sequential.Builder builder = Sequential.builder().input(3).backend(kit.backend()).seed(17);
        for (int i = 0; i < 5; i++) {
            builder.dense(4, Activation.tanh());
        }
        builder.dense(2, Activation.tanh());
        check(builder.build(), Loss.mse(), Networks.uniform(13, 3, 3, -1, 1), Networks.uniform(14, 3, 2, -0.5, 0.5));
    }

    @Test
    @DisplayName("conv2d with a rectangular kernel, stride 2 and padding, tanh, MSE")
    void conv2d() {
        Sequential model = Sequential.builder().input(2, 7, 6).conv2d(3, new Window2d(3, 2, 2, 1, 1, 2))
                .activation(Activation.tanh()).flatten().dense(2).backend(kit.backend()).seed(19).build();
        check(model, Loss.mse(), Networks.uniform(15, 3, 2 * 7 * 6, -1, 1), Networks.uniform(16, 3, 2, -1, 1));
    }

    @Test
    @DisplayName("overlapping max pooling between two convolutions, softmax cross-entropy")
    void maxPool2d() {
        Sequential model = Sequential.builder().input(1, 9, 8).conv2d(2, 3, 1, Activation.tanh())
                .maxPool2d(new Window2d(3, 2, 2, 2, 0, 0)).conv2d(3, Window2d.square(2, 1, 0))
                .activation(Activation.sigmoid()).flatten().dense(3).backend(kit.backend()).seed(23).build();
        check(model, Loss.softmaxCrossEntropy(), Networks.uniform(17, 4, 72, -1, 1), Networks.oneHot(18, 4, 3));
    }

    @Test
    @DisplayName("overlapping average pooling and a 1x1 convolution, MSE")
    void avgPool2d() {
        Sequential model = Sequential.builder().input(3, 6, 7).conv2d(2, Window2d.square(1, 1, 0))
                .activation(Activation.tanh()).avgPool2d(new Window2d(2, 3, 1, 2, 0, 0)).flatten().dense(2)
                .backend(kit.backend()).seed(29).build();
        check(model, Loss.mse(), Networks.uniform(19, 3, 126, -1, 1), Networks.uniform(20, 3, 2, -1, 1));
    }

    @Test
    @DisplayName("global average pooling after a convolution, softmax cross-entropy")
    void globalAveragePool2d() {
        Sequential model = Sequential.builder().input(2, 5, 5).conv2d(4, 3, 1, Activation.tanh())
                .globalAveragePool2d().dense(3).backend(kit.backend()).seed(31).build();
        check(model, Loss.softmaxCrossEntropy(), Networks.uniform(21, 3, 50, -1, 1), Networks.oneHot(22, 3, 3));
    }
}
