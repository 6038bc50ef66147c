package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.init.Initializer;
import dev.backprop.nn.LayerProperties;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.LayerType;
import dev.backprop.nn.LayerTypes;
import dev.backprop.nn.ModelSpec;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link ModelSpec} as JSON:
 * <pre>
 * {"input": 784 or [1, 28, 28], "dtype": "float32", "seed": 42, "initializer": "he_uniform" or null,
 *  "layers": [{"type": "flatten"}, {"type": "dense", "units": 256}, {"type": "activation", "activation": "relu"},
 *             {"type": "dropout", "rate": 0.2}, ...]}
 * </pre>
 * Each layer is its spec's {@link LayerSpec#typeName()} and {@link LayerSpec#properties()}, read back
 * by the {@link LayerType} registered under that name, so a new layer kind needs no change here.
 */
final class ArchitectureJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchitectureJson() {
    }

    static String write(ModelSpec spec) {
        ObjectNode root = JSON.createObjectNode();
        if (spec.inputShape().rank() == 1) {
            root.put("input", spec.inputSize());
        } else {
            ArrayNode input = root.putArray("input");
            for (int d : spec.inputShape().dims()) {
                input.add(d);
            }
        }
        root.put("dtype", spec.dtype().id());
        root.put("seed", spec.seed());
        if (spec.initializer() != null) {
            root.put("initializer", spec.initializer().id());
        } else {
            root.putNull("initializer");
        }
        ArrayNode layers = root.putArray("layers");
        for (LayerSpec layer : spec.layers()) {
            ObjectNode node = layers.addObject();
            node.put("type", layer.typeName());
            new TreeMap<>(layer.properties()).forEach((field, value) -> put(node, field, value));
        }
        return root.toString();
    }

    /**
     * Parses the architecture.
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    static ModelSpec read(String text, DType dtypeOverride) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("architecture is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("architecture is not a JSON object");
        }
        Shape input = inputShape(root);
        DType dtype = dtypeOverride != null ? dtypeOverride : DType.parse(text(root, "dtype"));
        long seed = root.path("seed").asLong(42);
        JsonNode initializerNode = root.get("initializer");
        Initializer initializer = initializerNode == null || initializerNode.isNull() ? null
                : Initializer.parse(initializerNode.asText());
        JsonNode layersNode = root.get("layers");
        if (layersNode == null || !layersNode.isArray()) {
            throw new IllegalArgumentException("architecture field 'layers' is missing or not an array");
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) {
            JsonNode node = layersNode.get(i);
            try {
                LayerType type = LayerTypes.named(text(node, "type"));
                layers.add(type.read(new LayerProperties(properties(node))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("architecture layers[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new ModelSpec(input, layers, dtype, initializer, seed);
    }

    /** {@code "input": 784} (every file before shapes) or {@code "input": [1, 28, 28]}. */
    private static Shape inputShape(JsonNode root) {
        JsonNode node = root.get("input");
        if (node != null && node.isArray() && node.size() > 0) {
            int[] dims = new int[node.size()];
            for (int i = 0; i < dims.length; i++) {
                if (!node.get(i).isIntegralNumber() || !node.get(i).canConvertToInt()) {
                    throw new IllegalArgumentException("architecture field 'input' is not an array of integers");
                }
                dims[i] = node.get(i).asInt();
            }
            return Shape.of(dims);
        }
        int size = integer(root, "input");
        if (size < 1) {
            throw new IllegalArgumentException("input size must be at least 1, got " + size);
        }
        return Shape.of(size);
    }

    private static void put(ObjectNode node, String field, Object value) {
        if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value instanceof Double d) {
            node.put(field, d);
        } else if (value instanceof String text) {
            node.put(field, text);
        } else if (value instanceof int[] ints) {
            ArrayNode array = node.putArray(field);
            for (int v : ints) {
                array.add(v);
            }
        } else {
            throw new IllegalArgumentException("layer property '" + field + "' has a type the architecture JSON "
                    + "cannot hold: " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    /** The fields of a layer node but its type, as {@link LayerSpec#properties()} holds them. */
    private static Map<String, Object> properties(JsonNode node) {
        Map<String, Object> values = new HashMap<>();
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                values.put(field.getKey(), value.asInt());
            } else if (value.isNumber()) {
                values.put(field.getKey(), value.asDouble());
            } else if (value.isTextual()) {
                values.put(field.getKey(), value.asText());
            } else if (value.isArray()) {
                int[] ints = new int[value.size()];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = value.get(i).asInt();
                }
                values.put(field.getKey(), ints);
            }
        });
        values.remove("type");
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("architecture field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("architecture field '" + field + "' is missing or not an integer");
        }
        return value.asInt();
    }
}
