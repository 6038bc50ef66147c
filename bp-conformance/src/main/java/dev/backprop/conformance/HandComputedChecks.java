package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertClose;

import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.numeric.Tolerance;
import dev.backprop.numeric.Tolerances;
import dev.backprop.optim.Adam;
import dev.backprop.optim.Optimizer;
import dev.backprop.optim.Sgd;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import dev.backprop.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every layer, activation, loss and optimizer on a tiny case whose values are worked out by hand
 * (written in the comments), in both precisions ({@link Tolerances#op(DType)}).
 */
public abstract class HandComputedChecks {

    private final BackendConformance kit;

    /** For the kit's nested class. */
    protected HandComputedChecks(BackendConformance kit) {
        this.kit = kit;
    }

    private Backend backend() {
        return kit.backend();
    }

    @ParameterizedTest(name = "dense: y = x·W + b and its backward pass ({0})")
    @EnumSource(DType.class)
    void dense(DType dtype) {
        Tolerance tol = Tolerances.op(dtype);
        try (Sequential model = Sequential.builder().input(2).dense(3).dtype(dtype).backend(backend()).build();
                Tensor x = Networks.row(backend(), dtype, 1, 2);
                Tensor dy = Networks.row(backend(), dtype, 1, 0, -1)) {
            model.parameters().get(0).set(new double[][] {{1, 2, 3}, {4, 5, 6}});
            model.parameters().get(1).set(new double[] {0.5, -1, 0});
            // [1 2]·[[1 2 3][4 5 6]] + [0.5 -1 0] = [9.5 11 15]
            assertClose("dense forward " + dtype.id(), tol, new double[] {9.5, 11, 15},
                    backend().toArray(model.forward(x, true)), 3);
            // dx = dy·Wᵀ = [1-3, 4-6]; dW = xᵀ·dy; db = dy
            double[] dx = backend().toArray(model.backward(dy, 1, true));
            assertClose("dense dx " + dtype.id(), tol, new double[] {-2, -2}, dx, 2);
            assertClose("dense dW " + dtype.id(), tol, new double[] {1, 0, -1, 2, 0, -2},
                    model.parameters().get(0).gradientValues(), 3);
            assertClose("dense db " + dtype.id(), tol, new double[] {1, 0, -1},
                    model.parameters().get(1).gradientValues(), 3);
        }
    }

    private void activation(DType dtype, Activation activation, double[] z, double[] y, double[] dy, double[] dz) {
        Tolerance tol = Tolerances.op(dtype);
        try (Sequential model = Sequential.builder().input(z.length).activation(activation).dtype(dtype)
                .backend(backend()).build();
                Tensor input = Networks.row(backend(), dtype, z);
                Tensor gradient = Networks.row(backend(), dtype, dy)) {
            String what = activation.id() + " " + dtype.id();
            assertClose(what + " forward", tol, y, backend().toArray(model.forward(input, true)), 0);
            assertClose(what + " backward", tol, dz, backend().toArray(model.backward(gradient, 1, true)), 0);
        }
    }

    @ParameterizedTest(name = "sigmoid: y = 1/(1+e^-z), dz = dy·y(1-y) ({0})")
    @EnumSource(DType.class)
    void sigmoid(DType dtype) {
        double s2 = 1 / (1 + Math.exp(-2));
        double s3 = 1 / (1 + Math.exp(3));
        activation(dtype, Activation.sigmoid(), new double[] {0, 2, -3}, new double[] {0.5, s2, s3},
                new double[] {1, 2, -1}, new double[] {0.25, 2 * s2 * (1 - s2), -s3 * (1 - s3)});
    }

    @ParameterizedTest(name = "tanh: dz = dy·(1 - y²) ({0})")
    @EnumSource(DType.class)
    void tanh(DType dtype) {
        double t = Math.tanh(0.5);
        activation(dtype, Activation.tanh(), new double[] {0, 0.5}, new double[] {0, t}, new double[] {3, 1},
                new double[] {3, 1 - t * t});
    }

    @ParameterizedTest(name = "ReLU: derivative 0 at the kink ({0})")
    @EnumSource(DType.class)
    void relu(DType dtype) {
        activation(dtype, Activation.relu(), new double[] {-1, 0, 2}, new double[] {0, 0, 2}, new double[] {5, 5, 5},
                new double[] {0, 0, 5});
    }

    @ParameterizedTest(name = "leaky ReLU 0.1: derivative = slope at the kink ({0})")
    @EnumSource(DType.class)
    void leakyRelu(DType dtype) {
        activation(dtype, Activation.leakyRelu(0.1), new double[] {-2, 0, 3}, new double[] {-0.2, 0, 3},
                new double[] {5, 5, 5}, new double[] {0.5, 0.5, 5});
    }

    @ParameterizedTest(name = "softmax: [0, ln 3] -> [1/4, 3/4], dz = y(dy - Σ dy·y) ({0})")
    @EnumSource(DType.class)
    void softmax(DType dtype) {
        activation(dtype, Activation.softmax(), new double[] {0, Math.log(3)}, new double[] {0.25, 0.75},
                new double[] {1, 0}, new double[] {0.25 * 0.75, -0.75 * 0.25});
    }

    @ParameterizedTest(name = "identity passes values and gradients through ({0})")
    @EnumSource(DType.class)
    void identity(DType dtype) {
        activation(dtype, Activation.identity(), new double[] {-1, 7}, new double[] {-1, 7}, new double[] {2, 3},
                new double[] {2, 3});
    }

    private void loss(DType dtype, Loss loss, double[] prediction, double[] target, double expected,
            double[] gradient) {
        Tolerance tol = Tolerances.op(dtype);
        try (loss;
                Tensor p = Networks.row(backend(), dtype, prediction);
                Tensor t = Networks.row(backend(), dtype, target)) {
            String what = loss.id() + " " + dtype.id();
            assertClose(what + " value", tol, expected, loss.forward(backend(), p, t));
            assertClose(what + " gradient", tol, gradient, backend().toArray(loss.backward()), 0);
        }
    }

    @ParameterizedTest(name = "MSE: mean of squares over all elements, gradient 2(y-t)/N ({0})")
    @EnumSource(DType.class)
    void mse(DType dtype) {
        loss(dtype, Loss.mse(), new double[] {1, 2}, new double[] {0, 0}, 2.5, new double[] {1, 2});
    }

    @ParameterizedTest(name = "binary cross-entropy: -(ln 0.5 + ln 0.2)/2, gradient (y-t)/(y(1-y)N) ({0})")
    @EnumSource(DType.class)
    void binaryCrossEntropy(DType dtype) {
        loss(dtype, Loss.binaryCrossEntropy(), new double[] {0.5, 0.8}, new double[] {1, 0},
                -(Math.log(0.5) + Math.log(0.2)) / 2, new double[] {-1, 2.5});
    }

    @ParameterizedTest(name = "softmax cross-entropy: -ln(3/4), gradient softmax - t ({0})")
    @EnumSource(DType.class)
    void softmaxCrossEntropy(DType dtype) {
        loss(dtype, Loss.softmaxCrossEntropy(), new double[] {0, Math.log(3)}, new double[] {0, 1}, -Math.log(0.75),
                new double[] {0.25, -0.25});
    }

    @ParameterizedTest(name = "softmax cross-entropy stays finite on logits of ±1000 ({0})")
    @EnumSource(DType.class)
    void softmaxCrossEntropyLargeLogits(DType dtype) {
        loss(dtype, Loss.softmaxCrossEntropy(), new double[] {1000, -1000}, new double[] {0, 1}, 2000,
                new double[] {1, -1});
        loss(dtype, Loss.softmaxCrossEntropy(), new double[] {-1000, 1000}, new double[] {0, 1}, 0,
                new double[] {0, 0});
    }

    /**
     * A 1→1 linear model {@code y = w x + b} with {@code w = 0.5, b = 0}, trained on {@code x = 2,
     * t = 3} with MSE: {@code y = 1}, {@code dL/dy = -4}, {@code dw = -8}, {@code db = -4}; after a
     * step with lr 0.01: {@code y = 1.2}, {@code dw = -7.2}, {@code db = -3.6}.
     */
    private void optimizer(DType dtype, Optimizer optimizer, int steps, double w, double b) {
        try (Sequential model = Sequential.builder().input(1).dense(1).dtype(dtype).backend(backend()).build();
                Loss loss = Loss.mse();
                optimizer) {
            model.parameters().get(0).set(new double[] {0.5});
            model.parameters().get(1).set(new double[] {0});
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(steps).batchSize(1).build()
                    .fit(model, Dataset.of(new double[][] {{2}}, new double[][] {{3}}));
            String what = optimizer.describe() + " " + dtype.id();
            assertClose(what + " w", Tolerances.op(dtype), w, model.parameters().get(0).values()[0]);
            assertClose(what + " b", Tolerances.op(dtype), b, model.parameters().get(1).values()[0]);
        }
    }

    @ParameterizedTest(name = "gradient descent: θ ← θ − lr·g ({0})")
    @EnumSource(DType.class)
    void gradientDescent(DType dtype) {
        optimizer(dtype, Optimizer.gradientDescent(0.01), 2, 0.5 + 0.08 + 0.072, 0.04 + 0.036);
    }

    @ParameterizedTest(name = "momentum 0.9: v = g, then v = 0.9v + g ({0})")
    @EnumSource(DType.class)
    void momentum(DType dtype) {
        // v2 = 0.9·(-8, -4) + (-7.2, -3.6) = (-14.4, -7.2)
        optimizer(dtype, Optimizer.momentum(0.01, 0.9), 2, 0.58 + 0.144, 0.04 + 0.072);
    }

    @ParameterizedTest(name = "Nesterov momentum: g + μv at the first step is 1.9g ({0})")
    @EnumSource(DType.class)
    void nesterov(DType dtype) {
        optimizer(dtype, Sgd.builder(0.01).momentum(0.9).nesterov(true).build(), 1, 0.5 + 0.152, 0.076);
    }

    @ParameterizedTest(name = "L2 weight decay 0.1 adds 0.1θ to the gradient ({0})")
    @EnumSource(DType.class)
    void weightDecay(DType dtype) {
        optimizer(dtype, Sgd.builder(0.01).weightDecay(0.1).build(), 1, 0.5 + 0.01 * 7.95, 0.04);
    }

    @ParameterizedTest(name = "Adam: the first step moves each parameter by lr·g/(|g| + eps) ({0})")
    @EnumSource(DType.class)
    void adam(DType dtype) {
        optimizer(dtype, Adam.builder(0.01).build(), 1, 0.5 + 0.01 * 8 / (8 + 1e-8), 0.01 * 4 / (4 + 1e-8));
    }
}
