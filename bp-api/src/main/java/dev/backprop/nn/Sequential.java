package dev.backprop.nn;

import dev.backprop.backend.Backends;
import dev.backprop.data.Matrices;
import dev.backprop.init.Initializer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.OpFamily;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack of layers applied in order. Built with {@link #builder()}:
 *
 * <pre>{@code
 * Sequential model = Sequential.builder()
 *         .input(2)
 *         .dense(5, Activation.sigmoid())
 *         .dense(1, Activation.sigmoid())
 *         .seed(42)
 *         .build();
 * }</pre>
 *
 * <p>Initial weights are drawn in Java from the seed (one {@link dev.backprop.init.SeededRandom} stream per dense
 * layer) and uploaded, so the same spec and seed give bit-identical parameters on every backend.
 * Biases start at zero. A model is not thread-safe.
 */
public final class Sequential implements AutoCloseable {

    private static final int PREDICT_BATCH = 1024;

    private final ModelSpec spec;
    private final Backend backend;
    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final int outputSize;

    private Sequential(ModelSpec spec, Backend backend) {
        this.spec = spec;
        this.backend = backend;
        List<Layer> built = new ArrayList<>();
        Map<String, Integer> counters = new HashMap<>();
        Shape shape = spec.inputShape();
        try {
            for (int i = 0; i < spec.layers().size(); i++) {
                LayerSpec layer = spec.layers().get(i);
                int ordinal = counters.merge(layer.namePrefix(), 1, Integer::sum);
                String name = layer.namePrefix() + "_" + ordinal;
                for (OpFamily family : layer.families()) {
                    family.require(backend, "layer " + name);
                }
                built.add(layer.build(new LayerContext(name, i, ordinal, shape, backend, spec)));
                shape = layer.outputShape(shape);
            }
        } catch (RuntimeException e) {
            built.forEach(Layer::close);
            throw e;
        }
        this.layers = Collections.unmodifiableList(built);
        List<Parameter> all = new ArrayList<>();
        built.forEach(l -> all.addAll(l.parameters()));
        this.parameters = Collections.unmodifiableList(all);
        this.outputSize = spec.outputSize();
    }

    /** Builds the model of {@code spec} on {@code backend}, with freshly initialized parameters. */
    public static Sequential of(ModelSpec spec, Backend backend) {
        if (!backend.supports(spec.dtype())) {
            throw new IllegalArgumentException("backend " + backend.name() + " does not support " + spec.dtype().id());
        }
        return new Sequential(spec, backend);
    }

    /** A builder; see the class comment. */
    public static Builder builder() {
        return new Builder();
    }

    /** The architecture, data type and seed this model was built from. */
    public ModelSpec spec() {
        return spec;
    }

    /** The backend every tensor of the model lives on. */
    public Backend backend() {
        return backend;
    }

    /** Element type of every tensor. */
    public DType dtype() {
        return spec.dtype();
    }

    /** Input values per sample. */
    public int inputSize() {
        return spec.inputSize();
    }

    /** Shape of one input sample. */
    public Shape inputShape() {
        return spec.inputShape();
    }

    /** The shape of a batch of {@code rows} input samples: {@code [rows, ...inputShape()]}. */
    public Shape inputBatchShape(int rows) {
        return Flatten.batchOf(rows, spec.inputShape());
    }

    /** Output columns. */
    public int outputSize() {
        return outputSize;
    }

    /** The layers, input to output. */
    public List<Layer> layers() {
        return layers;
    }

    /** All trainable parameters, input to output, weights before biases. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Total number of trainable values. */
    public long parameterCount() {
        return parameters.stream().mapToLong(p -> (long) p.rows() * p.cols()).sum();
    }

    /** The forward pass through every layer; the result is owned by the last layer. */
    public Tensor forward(Tensor input, boolean training) {
        return forward(input, training, layers.size());
    }

    /** The forward pass through the first {@code layerCount} layers. */
    public Tensor forward(Tensor input, boolean training, int layerCount) {
        checkLayerCount(layerCount);
        if (input.dtype() != dtype()) {
            throw new IllegalArgumentException("model is " + dtype().id() + " but the input is " + input.dtype().id());
        }
        Tensor x = input;
        for (int i = 0; i < layerCount; i++) {
            x = layers.get(i).forward(x, training);
        }
        return x;
    }

    /**
     * The backward pass through the first {@code layerCount} layers, last to first, for the forward
     * pass just made: sets every parameter's gradient.
     *
     * @param outputGradient {@code dL/d(output of layer layerCount-1)}
     * @param inputGradientNeeded whether to compute {@code dL/d(input)}
     * @return {@code dL/d(input)}, or {@code null} if not needed
     */
    public Tensor backward(Tensor outputGradient, int layerCount, boolean inputGradientNeeded) {
        checkLayerCount(layerCount);
        Tensor gradient = outputGradient;
        for (int i = layerCount - 1; i >= 0; i--) {
            boolean needed = i > 0 || inputGradientNeeded;
            Layer layer = layers.get(i);
            if (!needed && layer.parameters().isEmpty()) {
                return null;
            }
            gradient = layer.backward(gradient, needed);
        }
        return gradient;
    }

    /**
     * Outputs for {@code inputs} (one row per sample), computed in batches in inference mode.
     *
     * @throws IllegalArgumentException if {@code inputs} is empty, ragged, of the wrong width or not finite
     */
    public double[][] predict(double[][] inputs) {
        Matrices.checkRows("inputs", inputs, inputSize());
        double[][] result = new double[inputs.length][];
        TensorCache batchInput = new TensorCache(backend, dtype());
        try {
            double[] host = new double[Math.min(PREDICT_BATCH, inputs.length) * inputSize()];
            double[] out = new double[Math.min(PREDICT_BATCH, inputs.length) * outputSize()];
            for (int start = 0; start < inputs.length; start += PREDICT_BATCH) {
                int rows = Math.min(PREDICT_BATCH, inputs.length - start);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(inputs[start + r], 0, host, r * inputSize(), inputSize());
                }
                Tensor x = batchInput.get(inputBatchShape(rows));
                backend.upload(host, 0, x);
                backend.download(forward(x, false), out, 0);
                for (int r = 0; r < rows; r++) {
                    result[start + r] = Arrays.copyOfRange(out, r * outputSize(), (r + 1) * outputSize());
                }
            }
        } finally {
            batchInput.close();
        }
        return result;
    }

    /** Copies every parameter's values from {@code other}, which must have the same architecture. */
    public void copyParametersFrom(Sequential other) {
        if (!other.spec.layers().equals(spec.layers()) || !other.inputShape().equals(inputShape())) {
            throw new IllegalArgumentException("cannot copy parameters between different architectures");
        }
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).set(other.parameters.get(i).values());
        }
    }

    /** Releases every tensor of the model. */
    @Override
    public void close() {
        layers.forEach(Layer::close);
    }

    private void checkLayerCount(int layerCount) {
        if (layerCount < 0 || layerCount > layers.size()) {
            throw new IllegalArgumentException("layer count " + layerCount + " outside [0, " + layers.size() + "]");
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Sequential(input " + inputShape() + ", " + dtype().id() + ", backend "
                + backend.name() + ")");
        layers.forEach(l -> text.append("\n  ").append(l));
        return text.toString();
    }

    /** Collects the architecture and settings of a {@link Sequential} model. */
    public static final class Builder {

        private int[] input;
        private final List<LayerSpec> layers = new ArrayList<>();
        private DType dtype = DType.FLOAT64;
        private Initializer initializer;
        private long seed = 42;
        private Backend backend;

        private Builder() {
        }

        /** Input values per sample; this or {@link #input(int, int, int)} is required. */
        public Builder input(int size) {
            this.input = new int[] {size};
            return this;
        }

        /**
         * The shape of one image sample, channels × rows × columns (NCHW without the batch), e.g.
         * {@code input(1, 28, 28)}; batches are then {@code [N, channels, height, width]}.
         */
        public Builder input(int channels, int height, int width) {
            this.input = new int[] {channels, height, width};
            return this;
        }

        /** A layer reading {@code [N, C, H, W]} as {@code [N, C·H·W]}. */
        public Builder flatten() {
            layers.add(new LayerSpec.FlattenSpec());
            return this;
        }

        /**
         * A 2-D convolution with {@code filters} square {@code kernel × kernel} filters, stride 1 and
         * zero padding {@code padding} on every side ({@code padding = kernel / 2} keeps the size for an
         * odd kernel).
         */
        public Builder conv2d(int filters, int kernel, int padding) {
            return conv2d(filters, Window2d.square(kernel, 1, padding));
        }

        /** A 2-D convolution with {@code filters} filters and any window (rectangular kernel, stride, padding). */
        public Builder conv2d(int filters, Window2d window) {
            layers.add(new LayerSpec.Conv2DSpec(filters, window));
            return this;
        }

        /** A 2-D convolution followed by {@code activation} (no extra layer for identity). */
        public Builder conv2d(int filters, int kernel, int padding, Activation activation) {
            conv2d(filters, kernel, padding);
            if (activation.kind() != Activation.Kind.IDENTITY) {
                activation(activation);
            }
            return this;
        }

        /** Max pooling with a square {@code size × size} window and stride {@code size}. */
        public Builder maxPool2d(int size) {
            return maxPool2d(Window2d.square(size, size, 0));
        }

        /** Max pooling with any unpadded window. */
        public Builder maxPool2d(Window2d window) {
            layers.add(new LayerSpec.MaxPool2DSpec(window));
            return this;
        }

        /** Average pooling with a square {@code size × size} window and stride {@code size}. */
        public Builder avgPool2d(int size) {
            return avgPool2d(Window2d.square(size, size, 0));
        }

        /** Average pooling with any unpadded window. */
        public Builder avgPool2d(Window2d window) {
            layers.add(new LayerSpec.AvgPool2DSpec(window));
            return this;
        }

        /** The mean of each channel: {@code [N, C, H, W]} to {@code [N, C]}. */
        public Builder globalAveragePool2d() {
            layers.add(new LayerSpec.GlobalAveragePool2DSpec());
            return this;
        }

        /** A dense layer with {@code units} outputs and no activation. */
        public Builder dense(int units) {
            layers.add(new LayerSpec.DenseSpec(units));
            return this;
        }

        /** A dense layer followed by {@code activation} (no extra layer for identity). */
        public Builder dense(int units, Activation activation) {
            dense(units);
            if (activation.kind() != Activation.Kind.IDENTITY) {
                activation(activation);
            }
            return this;
        }

        /** An activation layer. */
        public Builder activation(Activation activation) {
            layers.add(new LayerSpec.ActivationSpec(activation));
            return this;
        }

        /** Inverted dropout with the given rate in {@code [0, 1)}, active only in training. */
        public Builder dropout(double rate) {
            layers.add(new LayerSpec.DropoutSpec(rate));
            return this;
        }

        /** Any layer spec. */
        public Builder layer(LayerSpec layer) {
            layers.add(layer);
            return this;
        }

        /** Element type of every tensor; float64 by default. */
        public Builder dtype(DType dtype) {
            this.dtype = dtype;
            return this;
        }

        /**
         * One initializer for every dense layer's weights. By default each dense layer gets He uniform
         * if a ReLU or leaky ReLU follows it and Xavier uniform otherwise.
         */
        public Builder initializer(Initializer initializer) {
            this.initializer = initializer;
            return this;
        }

        /** Seed of the initial weights; 42 by default. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The backend; by default {@link Backends#get()}. */
        public Builder backend(Backend backend) {
            this.backend = backend;
            return this;
        }

        /** The architecture collected so far. */
        public ModelSpec spec() {
            if (input == null || input.length == 1) {
                return new ModelSpec(input == null ? 0 : input[0], layers, dtype, initializer, seed);
            }
            return new ModelSpec(Shape.of(input), layers, dtype, initializer, seed);
        }

        /**
         * Builds the model.
         *
         * @throws IllegalArgumentException if the input size is missing or there are no layers
         */
        public Sequential build() {
            ModelSpec spec = spec();
            return Sequential.of(spec, backend != null ? backend : Backends.get());
        }
    }
}
