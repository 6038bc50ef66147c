package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.backend.BackendRegistry;
import dev.backprop.backend.FoundProvider;
import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.numeric.Tolerance;
import dev.backprop.numeric.Tolerances;
import dev.backprop.optim.Adam;
import dev.backprop.optim.Optimizer;
import dev.backprop.optim.Sgd;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import dev.backprop.train.BatchResult;
import dev.backprop.loss.ModelLoss;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInfo;

/**
 * With several backends on the class path, the same network, data and seed give the same results on
 * each, pairwise: whole-network gradients, and the losses and parameters of 50 training steps. The
 * backends differ only in summation order, which these tolerances bound
 * ({@link Tolerances#crossBackendGradient(DType)}, {@link Tolerances#crossBackendTrajectory(DType)}).
 *
 * <p>Extend it in a module that has the backends on its test class path; by default it compares every
 * available backend found by {@link BackendRegistry#load()}, and fails if there are fewer than two.
 */
public abstract class CrossBackendConformance {

    /** The backends to compare. */
    protected List<Backend> backends() {
        BackendRegistry registry = BackendRegistry.load();
        return registry.providers().stream().filter(p -> p.availability().available())
                .map(FoundProvider::name).map(name -> registry.backend(registry.select(name)))
                .collect(Collectors.toList());
    }

    @AfterAll
    static void writeReport(TestInfo info) {
        ConformanceReport.write(info.getTestClass().map(Class::getSimpleName).orElse("cross-backend"));
    }

    /** The networks compared: a dense one and a convolutional one (two convolutions, max pooling). */
    enum Net {
        DENSE, CONVOLUTIONAL;

        Sequential build(Backend backend, DType dtype) {
            Sequential.Builder builder = Sequential.builder().dtype(dtype).seed(2024).backend(backend);
            if (this == DENSE) {
                builder.input(20).dense(32, Activation.tanh()).dense(16, Activation.relu());
            } else {
                builder.input(2, 8, 8).conv2d(4, 3, 1, Activation.tanh()).maxPool2d(2)
                        .conv2d(6, Window2d.square(3, 1, 0)).activation(Activation.tanh()).flatten();
            }
            return builder.dense(5, Activation.softmax()).build();
        }

        Dataset data() {
            int features = this == DENSE ? 20 : 128;
            return Dataset.of(Networks.uniform(91, 80, features, -1, 1), Networks.oneHot(92, 80, 5));
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private Stream<DynamicTest> pairwise(String check, PairCheck test) {
        return Stream.of(Net.values()).flatMap(net -> pairwise(check + " (" + net.label() + ")", net, test));
    }

    private Stream<DynamicTest> pairwise(String check, Net net, PairCheck test) {
        List<Backend> backends = backends();
        assertTrue(backends.size() >= 2, "cross-backend checks need two backends on the class path, found "
                + backends.stream().map(Backend::name).toList());
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            for (int j = i + 1; j < backends.size(); j++) {
                Backend a = backends.get(i);
                Backend b = backends.get(j);
                for (DType dtype : DType.values()) {
                    tests.add(dynamicTest(check + ": " + a.name() + " vs " + b.name() + " " + dtype.id(),
                            () -> test.run(a, b, dtype, net)));
                }
            }
        }
        return tests.stream();
    }

    @FunctionalInterface
    private interface PairCheck {
        void run(Backend a, Backend b, DType dtype, Net net);
    }

    /** Gradients of every parameter and the loss for one batch, flattened in order (loss last). */
    private static double[] gradients(Backend backend, DType dtype, Net net) {
        Dataset data = net.data();
        try (Sequential model = net.build(backend, dtype);
                Loss loss = Loss.softmaxCrossEntropy();
                Tensor x = backend.allocate(dtype, model.inputBatchShape(data.size()));
                Tensor t = backend.allocate(dtype, data.size(), data.targetCount())) {
            int[] all = java.util.stream.IntStream.range(0, data.size()).toArray();
            double[] hx = new double[data.size() * data.featureCount()];
            double[] ht = new double[data.size() * data.targetCount()];
            data.copyFeatures(all, 0, data.size(), hx);
            data.copyTargets(all, 0, data.size(), ht);
            backend.upload(hx, 0, x);
            backend.upload(ht, 0, t);
            ModelLoss modelLoss = new ModelLoss(model, loss);
            double value = modelLoss.forward(x, t, true);
            modelLoss.backward(false);
            List<Double> flat = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                for (double g : p.gradientValues()) {
                    flat.add(g);
                }
            }
            flat.add(value);
            return flat.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    @TestFactory
    Stream<DynamicTest> wholeNetworkGradientsAgree() {
        return pairwise("gradients", (a, b, dtype, net) -> assertClose("cross-backend gradients " + net.label() + " "
                + dtype.id() + " " + a.name() + " vs " + b.name(), Tolerances.crossBackendGradient(dtype),
                gradients(a, dtype, net), gradients(b, dtype, net), 0));
    }

    /** The losses of 50 steps (10 epochs of 5 batches) followed by the final parameters. */
    private static double[] trajectory(Backend backend, DType dtype, Net net, Supplier<Optimizer> optimizer) {
        List<Double> values = new ArrayList<>();
        try (Sequential model = net.build(backend, dtype);
                Loss loss = Loss.softmaxCrossEntropy();
                Optimizer opt = optimizer.get()) {
            Trainer.builder().loss(loss).optimizer(opt).epochs(10).batchSize(16).seed(7)
                    .listener(new TrainingListener() {
                        @Override
                        public void onBatchEnd(BatchResult result) {
                            values.add(result.loss());
                        }
                    }).build().fit(model, net.data());
            for (double p : Networks.parameterValues(model)) {
                values.add(p);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @TestFactory
    Stream<DynamicTest> fiftyStepsOfSgdWithMomentumAgree() {
        return pairwise("50 steps of SGD with momentum", (a, b, dtype, net) -> {
            Supplier<Optimizer> sgd = () -> Sgd.builder(0.1).momentum(0.9).build();
            Tolerance tolerance = Tolerances.crossBackendTrajectory(dtype);
            assertClose("cross-backend SGD trajectory " + net.label() + " " + dtype.id() + " " + a.name() + " vs "
                    + b.name(), tolerance, trajectory(a, dtype, net, sgd), trajectory(b, dtype, net, sgd), 0);
        });
    }

    @TestFactory
    Stream<DynamicTest> fiftyStepsOfAdamAgree() {
        return pairwise("50 steps of Adam", (a, b, dtype, net) -> {
            Supplier<Optimizer> adam = () -> Adam.builder(0.01).build();
            assertClose("cross-backend Adam trajectory " + net.label() + " " + dtype.id() + " " + a.name() + " vs "
                    + b.name(), Tolerances.crossBackendTrajectory(dtype), trajectory(a, dtype, net, adam),
                    trajectory(b, dtype, net, adam), 0);
        });
    }
}
