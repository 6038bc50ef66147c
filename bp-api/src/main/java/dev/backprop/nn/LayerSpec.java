package dev.backprop.nn;

import dev.backprop.spi.OpFamily;
import dev.backprop.spi.Shape;
import java.io.Serializable;
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
}
