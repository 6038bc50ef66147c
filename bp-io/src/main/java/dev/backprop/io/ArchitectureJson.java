package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.init.Initializer;
import dev.backprop.nn.Activation;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.ModelSpec;
import dev.backprop.spi.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ModelSpec} as JSON:
 * <pre>
 * {"input": 784, "dtype": "float32", "seed": 42, "initializer": "he_uniform" or null,
 *  "layers": [{"type": "dense", "units": 256}, {"type": "activation", "activation": "relu"},
 *             {"type": "dropout", "rate": 0.2}, ...]}
 * </pre>
 */
final class ArchitectureJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchitectureJson() {
    }

    static String write(ModelSpec spec) {
        ObjectNode root = JSON.createObjectNode();
        root.put("input", spec.inputSize());
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
            if (layer instanceof LayerSpec.DenseSpec d) {
                node.put("type", "dense").put("units", d.units());
            } else if (layer instanceof LayerSpec.ActivationSpec a) {
                node.put("type", "activation").put("activation", a.activation().id());
            } else if (layer instanceof LayerSpec.DropoutSpec d) {
                node.put("type", "dropout").put("rate", d.rate());
            }
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
        int input = integer(root, "input");
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
            String type = text(node, "type");
            try {
                layers.add(switch (type) {
                    case "dense" -> new LayerSpec.DenseSpec(integer(node, "units"));
                    case "activation" -> new LayerSpec.ActivationSpec(Activation.parse(text(node, "activation")));
                    case "dropout" -> new LayerSpec.DropoutSpec(node.path("rate").asDouble(Double.NaN));
                    default -> throw new IllegalArgumentException("unknown layer type '" + type + "'");
                });
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("architecture layers[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new ModelSpec(input, layers, dtype, initializer, seed);
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
