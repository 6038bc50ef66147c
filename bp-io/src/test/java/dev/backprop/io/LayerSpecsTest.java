package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Layer;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.LayerType;
import dev.backprop.nn.LayerTypes;
import dev.backprop.nn.ModelSpec;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Walks every layer kind: each built-in registered type has an example here, each spec class nested in
 * {@link LayerSpec} is registered, and every example survives the architecture JSON, builds a layer
 * whose forward pass has the shape its spec promises, and is named {@code <prefix>_<n>}.
 */
class LayerSpecsTest {

    private static final Backend BACKEND = Backends.get("pure");

    /**
     * One spec of every kind, with the per-sample input shape it is tried on (twice in a row, except a
     * kind whose output it cannot take again).
     */
    private static final Map<String, List<Object>> EXAMPLES = Map.of(
            "dense", List.of(new LayerSpec.DenseSpec(3), Shape.of(2, 3, 4)),
            "activation", List.of(new LayerSpec.ActivationSpec(Activation.leakyRelu(0.1)), Shape.of(1, 5, 5)),
            "dropout", List.of(new LayerSpec.DropoutSpec(0.25), Shape.of(7)),
            "flatten", List.of(new LayerSpec.FlattenSpec(), Shape.of(3, 4, 5)),
            "conv2d", List.of(new LayerSpec.Conv2DSpec(3, new Window2d(3, 2, 2, 1, 1, 0)), Shape.of(3, 9, 8)),
            "maxpool2d", List.of(new LayerSpec.MaxPool2DSpec(Window2d.square(2, 2, 0)), Shape.of(2, 8, 9)),
            "avgpool2d", List.of(new LayerSpec.AvgPool2DSpec(new Window2d(3, 2, 1, 2, 0, 0)), Shape.of(1, 7, 6)),
            "globalavgpool2d", List.of(new LayerSpec.GlobalAveragePool2DSpec(), Shape.of(4, 3, 5), false));

    @Test
    void everyRegisteredKindHasAnExampleAndEveryNestedSpecIsRegistered() {
        Set<String> builtIn = LayerTypes.all().values().stream()
                .filter(t -> t.specClass().getPackageName().equals(LayerSpec.class.getPackageName()))
                .map(LayerType::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXAMPLES.keySet()), builtIn, "examples vs the built-in registered kinds");
        Set<Class<?>> registered = LayerTypes.all().values().stream().map(LayerType::specClass)
                .collect(Collectors.toSet());
        for (Class<?> nested : LayerSpec.class.getDeclaredClasses()) {
            if (LayerSpec.class.isAssignableFrom(nested)) {
                assertTrue(registered.contains(nested), nested.getSimpleName() + " is not registered in LayerTypes");
            }
        }
    }

    @Test
    void everyKindSurvivesTheArchitectureJsonAndBuildsALayerOfItsShape() {
        for (Map.Entry<String, List<Object>> example : EXAMPLES.entrySet()) {
            LayerSpec spec = (LayerSpec) example.getValue().get(0);
            Shape input = (Shape) example.getValue().get(1);
            assertEquals(example.getKey(), spec.typeName());
            boolean twice = example.getValue().size() < 3;
            ModelSpec model = new ModelSpec(input, twice ? List.of(spec, spec) : List.of(spec), DType.FLOAT64, null, 4);
            assertEquals(model, ArchitectureJson.read(ArchitectureJson.write(model), null), example.getKey());
            try (Sequential built = Sequential.of(model, BACKEND);
                    Tensor x = BACKEND.allocate(DType.FLOAT64, built.inputBatchShape(2))) {
                BACKEND.fill(0.5, x);
                Tensor y = built.forward(x, true);
                Shape expected = twice ? spec.outputShape(spec.outputShape(input)) : spec.outputShape(input);
                assertEquals(expected.size(), y.cols(), example.getKey() + ": output per sample");
                assertEquals(2, y.rows());
                List<String> names = built.layers().stream().map(Layer::name).toList();
                assertEquals(twice ? List.of(spec.namePrefix() + "_1", spec.namePrefix() + "_2")
                        : List.of(spec.namePrefix() + "_1"), names);
            }
        }
    }

    @Test
    void namesCountPerTypeAndParameterNamesStayAsInOlderFiles() {
        try (Sequential model = Sequential.builder().input(1, 4, 4).flatten().dense(6, Activation.relu())
                .dropout(0.1).dense(5, Activation.relu()).dense(2, Activation.softmax()).backend(BACKEND).build()) {
            assertEquals(List.of("flatten_1", "dense_1", "relu_1", "dropout_1", "dense_2", "relu_2", "dense_3",
                    "softmax_1"), model.layers().stream().map(Layer::name).toList());
            assertEquals(List.of("dense_1.W", "dense_1.b", "dense_2.W", "dense_2.b", "dense_3.W", "dense_3.b"),
                    model.parameters().stream().map(p -> p.name()).toList());
        }
    }

    @Test
    void imageInputIsWrittenAsAnArrayAndAnUnknownKindListsTheKnownOnes() {
        ModelSpec spec = Sequential.builder().input(1, 28, 28).flatten().dense(10).spec();
        String json = ArchitectureJson.write(spec);
        assertTrue(json.contains("\"input\":[1,28,28]") && json.contains("{\"type\":\"flatten\"}"), json);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureJson.read(json.replace("flatten", "conv9d"), null));
        assertTrue(unknown.getMessage().contains("layers[0]") && unknown.getMessage().contains("conv9d")
                && unknown.getMessage().contains("dense"), unknown.getMessage());
    }

    @Test
    void badInputIsRejectedNamingTheLayerAndBothShapes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().input(0).dense(3).spec());
        assertTrue(error.getMessage().contains("input size must be at least 1"), error.getMessage());
        try (Sequential model = Sequential.builder().input(1, 2, 3).flatten().dense(2).backend(BACKEND).build();
                Tensor wrong = BACKEND.allocate(DType.FLOAT64, Shape.of(4, 3, 2))) {
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> model.forward(wrong, false));
            assertTrue(shape.getMessage().contains("flatten_1") && shape.getMessage().contains("[4 x 1 x 2 x 3]")
                    && shape.getMessage().contains("[4 x 3 x 2]"), shape.getMessage());
        }
    }

    @Test
    void aMissingPropertyNamesTheLayerAndTheField() {
        String json = ArchitectureJson.write(Sequential.builder().input(3).dense(2).dropout(0.5).spec());
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureJson.read(json.replace("\"units\":2", "\"units\":\"two\""), null));
        assertTrue(units.getMessage().contains("layers[0]") && units.getMessage().contains("'units'")
                && units.getMessage().contains("integer"), units.getMessage());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureJson.read(json.replace("\"rate\":0.5", "\"ratio\":0.5"), null));
        assertTrue(rate.getMessage().contains("layers[1]") && rate.getMessage().contains("'rate'"),
                rate.getMessage());
    }

    @Test
    void aSecondKindUnderATakenNameIsRejected() {
        LayerType impostor = new LayerType("dense", LayerSpec.FlattenSpec.class, p -> new LayerSpec.FlattenSpec());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LayerTypes.register(impostor));
        assertTrue(error.getMessage().contains("'dense'") && error.getMessage().contains("DenseSpec"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerType("Conv 2D", LayerSpec.FlattenSpec.class,
                p -> new LayerSpec.FlattenSpec()));
    }
}
