package dev.backprop.nn;

import dev.backprop.spi.OpFamily;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Window2d;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The architecture of one layer, without its values: what {@link Sequential.Builder} collects and
 * what a saved model stores. A layer kind is one implementation of this interface plus its
 * {@link LayerType} registered in {@link LayerTypes}; the spec knows its type name, its output shape,
 * how to build its layer and its properties in the model file's architecture JSON. Shapes here are
 * per sample, without the batch dimension ({@code [784]}, {@code [1, 28, 28]}). Serializable, so a
 * spec can travel to the workers of a cluster.
 */
public interface LayerSpec extends Serializable {

    /** The type name in the architecture JSON, lower case, e.g. {@code "dense"}. */
    String typeName();

    /**
     * The prefix of the layer's name {@code <prefix>_<n>}, counted per prefix in a model; the type
     * name unless the kind names its layers otherwise (activations by their function: {@code relu_1}).
     */
    default String namePrefix() {
        return typeName();
    }

    /**
     * The shape of one output sample for one input sample of {@code input}.
     *
     * @throws IllegalArgumentException if the layer cannot take {@code input}, naming both
     */
    Shape outputShape(Shape input);

    /** Creates the layer with fresh parameters on the context's backend. */
    Layer build(LayerContext context);

    /**
     * The properties written to the architecture JSON beside {@code "type"}: values are
     * {@code Integer}, {@code Double}, {@code String} or {@code int[]}; {@link LayerType#read} reads
     * them back into an equal spec.
     */
    Map<String, Object> properties();

    /**
     * The number of parameter values the layer holds for one input sample of {@code input}, counted
     * without building it (a model file's loader checks a file against it before allocating); 0 by
     * default, for layers without parameters.
     */
    default long parameterCount(Shape input) {
        return 0;
    }

    /** The op families the layer's forward and backward passes use; checked when a model is built. */
    default Set<OpFamily> families() {
        return OpFamily.baseline();
    }

    /**
     * A {@link Dense} layer.
     *
     * @param units output columns, at least 1
     */
    record DenseSpec(int units) implements LayerSpec {

        /** Its type. */
        public static final LayerType TYPE = new LayerType("dense", DenseSpec.class,
                p -> new DenseSpec(p.integer("units")));

        /** Checks {@code units}. */
        public DenseSpec {
            if (units < 1) {
                throw new IllegalArgumentException("a dense layer needs at least 1 unit, got " + units);
            }
        }

        @Override
        public String typeName() {
            return TYPE.name();
        }

        /** {@code [units]} for an input of any shape, read as its {@code size} features. */
        @Override
        public Shape outputShape(Shape input) {
            return Shape.of(units);
        }

        /** {@code in·units + units}. */
        @Override
        public long parameterCount(Shape input) {
            return input.size() * units + units;
        }

        @Override
        public Layer build(LayerContext context) {
            int inputs = (int) context.inputShape().size();
            Dense dense = new Dense(context.name(), context.backend(), context.dtype(), inputs, units);
            dense.weights().set(context.initializer().values(context.random(context.ordinal()), inputs, units));
            return dense;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("units", units);
        }
    }

    /**
     * A {@link Dropout} layer.
     *
     * @param rate probability of dropping an element in training, in {@code [0, 1)}
     */
    record DropoutSpec(double rate) implements LayerSpec {

        /** Its type. */
        public static final LayerType TYPE = new LayerType("dropout", DropoutSpec.class,
                p -> new DropoutSpec(p.number("rate")));

        private static final long STREAMS = 1L << 32;

        /** Checks the rate. */
        public DropoutSpec {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
            }
        }

        @Override
        public String typeName() {
            return TYPE.name();
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        /** The mask stream is {@code 2^32 + index} of the model's seed, as before names were counted per type. */
        @Override
        public Layer build(LayerContext context) {
            return new Dropout(context.name(), context.backend(), context.dtype(), rate,
                    (int) context.inputShape().size(), context.random(STREAMS + context.index()));
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("rate", rate);
        }
    }

    /**
     * An {@link ActivationLayer}; named after its function ({@code relu_1}).
     *
     * @param activation the function
     */
    record ActivationSpec(Activation activation) implements LayerSpec {

        /** Its type. */
        public static final LayerType TYPE = new LayerType("activation", ActivationSpec.class,
                p -> new ActivationSpec(Activation.parse(p.text("activation"))));

        /** Checks for null. */
        public ActivationSpec {
            if (activation == null) {
                throw new IllegalArgumentException("activation must not be null");
            }
        }

        @Override
        public String typeName() {
            return TYPE.name();
        }

        @Override
        public String namePrefix() {
            return activation.kind().id();
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        @Override
        public Layer build(LayerContext context) {
            return new ActivationLayer(context.name(), context.backend(), context.dtype(), activation,
                    (int) context.inputShape().size());
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("activation", activation.id());
        }
    }

    /** A {@link Flatten} layer: {@code [N, C, H, W]} (or any rank) to {@code [N, C·H·W]}, a view. */
    record FlattenSpec() implements LayerSpec {

        /** Its type. */
        public static final LayerType TYPE = new LayerType("flatten", FlattenSpec.class, p -> new FlattenSpec());

        @Override
        public String typeName() {
            return TYPE.name();
        }

        @Override
        public Shape outputShape(Shape input) {
            return Shape.of((int) input.size());
        }

        @Override
        public Layer build(LayerContext context) {
            return new Flatten(context.name(), context.backend(), context.inputShape());
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of();
        }
    }

    /**
     * A {@link Conv2D} layer with {@code filters} output channels; its weights are drawn with fan-in
     * {@code C·kh·kw} and fan-out {@code filters·kh·kw} (He uniform before a ReLU, as for dense layers),
     * its bias starts at 0.
     *
     * @param filters output channels, at least 1
     * @param window kernel, stride and zero padding
     */
    record Conv2DSpec(int filters, Window2d window) implements LayerSpec {

        /** Its type. */
        public static final LayerType TYPE = new LayerType("conv2d", Conv2DSpec.class,
                p -> new Conv2DSpec(p.integer("filters"), readWindow(p, true)));

        /** Checks the arguments. */
        public Conv2DSpec {
            if (filters < 1) {
                throw new IllegalArgumentException("a conv2d layer needs at least 1 filter, got " + filters);
            }
            if (window == null) {
                throw new IllegalArgumentException("window must not be null");
            }
        }

        @Override
        public String typeName() {
            return TYPE.name();
        }

        @Override
        public Shape outputShape(Shape input) {
            return Conv2D.outputShape(input, filters, window);
        }

        /** {@code filters·C·kh·kw + filters}. */
        @Override
        public long parameterCount(Shape input) {
            return (long) filters * input.dim(0) * window.kernelArea() + filters;
        }

        @Override
        public Layer build(LayerContext context) {
            Shape in = context.inputShape();
            Conv2D conv = new Conv2D(context.name(), context.backend(), context.dtype(), in, filters, window);
            int area = window.kernelArea();
            conv.weights().set(context.initializer().values(context.random(context.ordinal()), in.dim(0) * area,
                    filters * area, (int) conv.weights().value().size()));
            return conv;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("filters", filters, "kernel", new int[] {window.kernelHeight(), window.kernelWidth()},
                    "stride", new int[] {window.strideHeight(), window.strideWidth()},
                    "padding", new int[] {window.padHeight(), window.padWidth()});
        }

        @Override
        public Set<OpFamily> families() {
            return withConvolution();
        }
    }

    /**
     * A {@link MaxPool2D} layer.
     *
     * @param window kernel and stride, no padding
     */
    record MaxPool2DSpec(Window2d window) implements LayerSpec {

        /** Its type. */
        public static final LayerType TYPE = new LayerType("maxpool2d", MaxPool2DSpec.class,
                p -> new MaxPool2DSpec(readWindow(p, false)));

        /** Checks the window. */
        public MaxPool2DSpec {
            requirePoolingWindow(window);
        }

        @Override
        public String typeName() {
            return TYPE.name();
        }

        @Override
        public Shape outputShape(Shape input) {
            return Pooling.outputShape(input, window);
        }

        @Override
        public Layer build(LayerContext context) {
            return new MaxPool2D(context.name(), context.backend(), context.dtype(), context.inputShape(), window);
        }

        @Override
        public Map<String, Object> properties() {
            return poolingProperties(window);
        }

        @Override
        public Set<OpFamily> families() {
            return withConvolution();
        }
    }

    /**
     * An {@link AvgPool2D} layer.
     *
     * @param window kernel and stride, no padding
     */
    record AvgPool2DSpec(Window2d window) implements LayerSpec {

        /** Its type. */
        public static final LayerType TYPE = new LayerType("avgpool2d", AvgPool2DSpec.class,
                p -> new AvgPool2DSpec(readWindow(p, false)));

        /** Checks the window. */
        public AvgPool2DSpec {
            requirePoolingWindow(window);
        }

        @Override
        public String typeName() {
            return TYPE.name();
        }

        @Override
        public Shape outputShape(Shape input) {
            return Pooling.outputShape(input, window);
        }

        @Override
        public Layer build(LayerContext context) {
            return new AvgPool2D(context.name(), context.backend(), context.dtype(), context.inputShape(), window);
        }

        @Override
        public Map<String, Object> properties() {
            return poolingProperties(window);
        }

        @Override
        public Set<OpFamily> families() {
            return withConvolution();
        }
    }

    /** A {@link GlobalAveragePool2D} layer: {@code [C, H, W]} to {@code [C]}. */
    record GlobalAveragePool2DSpec() implements LayerSpec {

        /** Its type. */
        public static final LayerType TYPE = new LayerType("globalavgpool2d", GlobalAveragePool2DSpec.class,
                p -> new GlobalAveragePool2DSpec());

        @Override
        public String typeName() {
            return TYPE.name();
        }

        @Override
        public Shape outputShape(Shape input) {
            Pooling.requireImages(input);
            return Shape.of(input.dim(0));
        }

        @Override
        public Layer build(LayerContext context) {
            return new GlobalAveragePool2D(context.name(), context.backend(), context.dtype(), context.inputShape());
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of();
        }

        @Override
        public Set<OpFamily> families() {
            return withConvolution();
        }
    }

    private static Set<OpFamily> withConvolution() {
        EnumSet<OpFamily> families = EnumSet.copyOf(OpFamily.baseline());
        families.add(OpFamily.CONVOLUTION);
        return families;
    }

    private static void requirePoolingWindow(Window2d window) {
        if (window == null) {
            throw new IllegalArgumentException("window must not be null");
        }
        if (!window.unpadded()) {
            throw new IllegalArgumentException("pooling takes no padding, got " + window);
        }
    }

    private static Map<String, Object> poolingProperties(Window2d window) {
        return Map.of("kernel", new int[] {window.kernelHeight(), window.kernelWidth()},
                "stride", new int[] {window.strideHeight(), window.strideWidth()});
    }

    private static Window2d readWindow(LayerProperties p, boolean padded) {
        int[] kernel = pair(p, "kernel");
        int[] stride = pair(p, "stride");
        int[] padding = padded ? pair(p, "padding") : new int[2];
        return new Window2d(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1]);
    }

    private static int[] pair(LayerProperties p, String field) {
        int[] values = p.integers(field);
        if (values.length != 2) {
            throw new IllegalArgumentException("'" + field + "' must hold 2 numbers (height, width), got "
                    + values.length);
        }
        return values;
    }
}
