package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.data.Dataset;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Layer;
import dev.backprop.nn.LayerContext;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.LayerType;
import dev.backprop.nn.LayerTypes;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.nn.TensorCache;
import dev.backprop.optim.Adam;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BinaryOp;
import dev.backprop.spi.OpFamily;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.train.Trainer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layer kinds are an open set: a kind defined outside {@code dev.backprop.nn} (a per-channel scale
 * {@code y[n][c][h][w] = x[n][c][h][w] · s[c]} with a rank-4 parameter {@code [1, C, 1, 1]}, PyTorch's
 * broadcast form) registers, trains with Adam, saves its rank-4 tensor and loads back.
 */
class CustomLayerKindTest {

    private static final Backend BACKEND = Backends.get("pure");

    @TempDir
    Path dir;

    /** The spec of the per-channel scale. */
    record ChannelScaleSpec() implements LayerSpec {
        static final LayerType TYPE = new LayerType("channelscale", ChannelScaleSpec.class,
                p -> new ChannelScaleSpec());

        @Override
        public String typeName() {
            return TYPE.name();
        }

        @Override
        public Shape outputShape(Shape input) {
            if (input.rank() != 3) {
                throw new IllegalArgumentException("channelscale takes [C, H, W] samples, got " + input);
            }
            return input;
        }

        @Override
        public Layer build(LayerContext context) {
            return new ChannelScale(context, context.inputShape().dim(0));
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of();
        }
    }

    /** {@code y = x · s} per channel; {@code ds[c] = Σ_{n,h,w} dy·x}, {@code dx = dy · s}. */
    static final class ChannelScale implements Layer {
        private final String name;
        private final Backend backend;
        private final Parameter scale;
        private final int channels;
        private final int size;
        private final TensorCache output;
        private final TensorCache product;
        private final TensorCache perRow;
        private final TensorCache inputGradient;
        private Tensor lastInput;

        ChannelScale(LayerContext context, int channels) {
            this.name = context.name();
            this.backend = context.backend();
            this.channels = channels;
            this.size = (int) context.inputShape().size();
            this.scale = new Parameter(name + ".s", backend, backend.allocate(context.dtype(),
                    Shape.of(1, channels, 1, 1)));
            backend.fill(1, scale.value());
            output = new TensorCache(backend, context.dtype());
            product = new TensorCache(backend, context.dtype());
            perRow = new TensorCache(backend, context.dtype());
            inputGradient = new TensorCache(backend, context.dtype());
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int inputSize() {
            return size;
        }

        @Override
        public int outputSize() {
            return size;
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            lastInput = input;
            Tensor y = output.like(input);
            backend.binary(BinaryOp.MUL, input, scale.value(), y);
            return y;
        }

        @Override
        public Tensor backward(Tensor outputGradient, boolean inputGradientNeeded) {
            Shape shape = lastInput.shape();
            Tensor dyx = product.like(lastInput);
            backend.binary(BinaryOp.MUL, outputGradient, lastInput, dyx);
            int rows = shape.dim(0) * channels;
            Tensor sums = perRow.get(rows, 1);
            backend.sumRows(backend.reshape(dyx, Shape.matrix(rows, shape.sizeFrom(2))), sums);
            backend.sumColumns(backend.reshape(sums, Shape.matrix(shape.dim(0), channels)),
                    backend.reshape(scale.gradient(), Shape.matrix(1, channels)));
            if (!inputGradientNeeded) {
                return null;
            }
            Tensor dx = inputGradient.like(lastInput);
            backend.binary(BinaryOp.MUL, outputGradient, scale.value(), dx);
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(scale);
        }

        @Override
        public void close() {
            scale.close();
            output.close();
            product.close();
            perRow.close();
            inputGradient.close();
        }
    }

    @Test
    void aKindFromOutsideTrainsSavesItsRankFourParameterAndLoads() throws IOException {
        LayerTypes.register(ChannelScaleSpec.TYPE);
        double[][] features = new double[16][12];
        int[] labels = new int[16];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 12; j++) {
                features[i][j] = Math.sin(7 * i + j);
            }
            labels[i] = i % 3;
        }
        Dataset data = Dataset.classification(features, labels, 3);
        Path file = dir.resolve("scaled.bp");
        double[] trained;
        try (Sequential model = Sequential.builder().input(3, 2, 2).layer(new ChannelScaleSpec()).flatten()
                .dense(3).backend(BACKEND).seed(9).build();
                Loss loss = Loss.softmaxCrossEntropy();
                Optimizer adam = Adam.builder(0.05).build()) {
            Trainer.builder().loss(loss).optimizer(adam).epochs(3).batchSize(4).build().fit(model, data);
            Parameter scale = model.parameters().get(0);
            assertEquals("channelscale_1.s", scale.name());
            assertEquals(Shape.of(1, 3, 1, 1), scale.value().shape());
            trained = scale.values();
            assertTrue(trained[0] != 1 && trained[1] != 1 && trained[2] != 1, "the scales trained");
            ModelFile.save(model, file, Map.of());
        }
        try (Sequential loaded = ModelFile.load(file, BACKEND).model()) {
            assertArrayEquals(trained, loaded.parameters().get(0).values(), 0.0);
            assertEquals(Shape.of(3, 2, 2), loaded.inputShape());
        }
    }

    @Test
    void aBackendWithoutAFamilyALayerNeedsFailsWhenTheModelIsBuilt() {
        Backend old = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("families")) {
                        return EnumSet.complementOf(EnumSet.of(OpFamily.FUSED));
                    }
                    try {
                        return method.invoke(BACKEND, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.builder().input(4).dense(2, Activation.relu()).backend(old).build());
        assertTrue(error.getMessage().contains("layer dense_1") && error.getMessage().contains("FUSED")
                && error.getMessage().contains("backend 'pure'"), error.getMessage());
    }
}
