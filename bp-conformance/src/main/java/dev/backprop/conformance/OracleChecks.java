package dev.backprop.conformance;

import static dev.backprop.conformance.NumericAssertions.assertClose;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.numeric.Tolerance;
import dev.backprop.numeric.Tolerances;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Tensor;
import dev.backprop.train.EpochResult;
import dev.backprop.loss.ModelLoss;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture of {@link OracleSources} (those bundled in the kit jar, and those of every folder
 * named by {@value OracleSources#PROPERTY}; a named folder that is missing or empty fails) is its own
 * group of checks, in
 * float64: output and loss, every {@code dW}, {@code db} and {@code dX} within
 * {@link Tolerances#ORACLE}, and three steps of SGD, momentum (within {@link Tolerances#ORACLE}) and
 * Adam (within {@link Tolerances#ORACLE_ADAM}) from the fixture's parameters.
 */
public abstract class OracleChecks {

    private final BackendConformance kit;

    /** For the kit's nested class. */
    protected OracleChecks(BackendConformance kit) {
        this.kit = kit;
    }

    @TestFactory
    Stream<DynamicNode> everyFixture() {
        List<DynamicNode> groups = new ArrayList<>();
        groups.add(group("bundled with the kit", OracleSources::bundled));
        for (Path dir : OracleSources.addedFolders()) {
            groups.add(group(dir.toString(), () -> OracleSources.folder(dir)));
        }
        return groups.stream();
    }

    /** The checks of every fixture of one source; a source that cannot be read is one failing test. */
    private DynamicNode group(String name, Supplier<List<OracleSources.FixtureFile>> source) {
        List<OracleSources.FixtureFile> files;
        try {
            files = source.get();
        } catch (RuntimeException e) {
            return dynamicTest(name, () -> {
                throw e;
            });
        }
        return dynamicContainer(name, files.stream().map(this::checks));
    }

    private DynamicNode checks(OracleSources.FixtureFile file) {
        String name = file.label().substring(file.label().lastIndexOf('/') + 1);
        return dynamicContainer(name, Stream.of(
                dynamicTest("output and loss", () -> forward(file.read())),
                dynamicTest("gradients dW, db, dX", () -> gradients(file.read())),
                dynamicTest("3 steps of SGD", () -> steps(file.read(), "sgd", Tolerances.ORACLE)),
                dynamicTest("3 steps of SGD with momentum", () -> steps(file.read(), "sgd_momentum", Tolerances.ORACLE)),
                dynamicTest("3 steps of Adam", () -> steps(file.read(), "adam", Tolerances.ORACLE_ADAM))));
    }

    private void forward(OracleFixture fixture) {
        Backend backend = kit.backend();
        try (Sequential model = Networks.fromFixture(fixture, backend);
                Tensor x = Networks.inputs(backend, fixture);
                Tensor t = Networks.tensor(backend, DType.FLOAT64, fixture.targets());
                Loss loss = Loss.parse(fixture.loss())) {
            assertClose("oracle output float64 " + fixture.name(), Tolerances.ORACLE, fixture.output(),
                    backend.toArray(model.forward(x, false)));
            assertClose("oracle loss float64 " + fixture.name(), Tolerances.ORACLE, fixture.expectedLoss(),
                    new ModelLoss(model, loss).forward(x, t, false));
        }
    }

    private void gradients(OracleFixture fixture) {
        Backend backend = kit.backend();
        try (Sequential model = Networks.fromFixture(fixture, backend);
                Tensor x = Networks.inputs(backend, fixture);
                Tensor t = Networks.tensor(backend, DType.FLOAT64, fixture.targets());
                Loss loss = Loss.parse(fixture.loss())) {
            ModelLoss modelLoss = new ModelLoss(model, loss);
            modelLoss.forward(x, t, true);
            double[] dx = backend.toArray(modelLoss.backward(true));
            List<Parameter> parameters = model.parameters();
            int next = 0;
            for (int i = 0; i < fixture.layers().size(); i++) {
                OracleFixture.LayerGradient expected = fixture.gradients().get(i);
                if (expected == null) {
                    continue;
                }
                assertClose("oracle dW float64 " + fixture.name() + " layer " + i, Tolerances.ORACLE, expected.weights(),
                        parameters.get(next++).gradientValues(), 0);
                assertClose("oracle db float64 " + fixture.name() + " layer " + i, Tolerances.ORACLE, expected.bias(),
                        parameters.get(next++).gradientValues(), 0);
            }
            assertClose("oracle dX float64 " + fixture.name(), Tolerances.ORACLE, fixture.inputGradient(), dx);
        }
    }

    private void steps(OracleFixture fixture, String runName, Tolerance parameterTolerance) {
        OracleFixture.StepRun run = fixture.steps().get(runName);
        Backend backend = kit.backend();
        List<Double> losses = new ArrayList<>();
        try (Sequential model = Networks.fromFixture(fixture, backend);
                Loss loss = Loss.parse(fixture.loss());
                Optimizer optimizer = run.optimizer()) {
            Trainer.builder().loss(loss).optimizer(optimizer)
                    .epochs(run.lossesBeforeEachStep().length)
                    .batchSize(fixture.inputs().length)
                    .shuffle(false)
                    .listener(new TrainingListener() {
                        @Override
                        public void onEpochEnd(EpochResult result) {
                            losses.add(result.loss());
                        }
                    })
                    .build()
                    .fit(model, Dataset.of(fixture.inputs(), fixture.targets()));
            String what = "oracle " + runName + " steps float64 " + fixture.name();
            assertClose(what + " losses before each step", Tolerances.ORACLE, run.lossesBeforeEachStep(),
                    losses.stream().mapToDouble(Double::doubleValue).toArray(), 0);
            List<Parameter> parameters = model.parameters();
            int next = 0;
            for (int i = 0; i < run.layers().size(); i++) {
                OracleFixture.LayerParameters expected = run.layers().get(i);
                if (expected == null) {
                    continue;
                }
                assertClose(what + " layer " + i + " W", parameterTolerance, expected.weights(),
                        parameters.get(next++).values(), 0);
                assertClose(what + " layer " + i + " b", parameterTolerance, expected.bias(),
                        parameters.get(next++).values(), 0);
            }
            try (Tensor x = Networks.inputs(backend, fixture);
                    Tensor t = Networks.tensor(backend, DType.FLOAT64, fixture.targets())) {
                double after = new ModelLoss(model, loss).forward(x, t, false);
                assertClose(what + " loss after the last step", parameterTolerance, run.lossAfterLastStep(), after);
            }
        }
    }
}
