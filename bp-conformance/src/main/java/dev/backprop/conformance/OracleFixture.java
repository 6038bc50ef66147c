package dev.backprop.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.nn.Activation;
import dev.backprop.optim.Adam;
import dev.backprop.optim.Optimizer;
import dev.backprop.optim.Sgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One golden-gradient fixture computed by PyTorch in float64 (format: the bundled
 * {@code dev/backprop/conformance/oracle/README.md}):
 * a dense network with fixed parameters, a batch, a loss, and what PyTorch computed for them.
 *
 * @param source where it was read from: a file name, or {@code bundled/<name>} for a fixture of the kit jar
 * @param name the case id
 * @param loss {@code mse}, {@code softmax_cross_entropy} or {@code binary_cross_entropy}
 * @param layers the dense layers, input to output
 * @param inputs {@code X}, {@code [batch][in]}
 * @param targets {@code T}, {@code [batch][out]}
 * @param expectedLoss the loss at the given parameters
 * @param output the network output (logits for softmax cross-entropy)
 * @param gradients {@code dW} and {@code db} per layer
 * @param inputGradient {@code dX}
 * @param steps the optimizer runs, by name ({@code sgd}, {@code sgd_momentum}, {@code adam})
 */
public record OracleFixture(String source, String name, String loss, List<Layer> layers, double[][] inputs,
        double[][] targets, double expectedLoss, double[][] output, List<LayerGradient> gradients,
        double[][] inputGradient, Map<String, StepRun> steps) {

    /**
     * A dense layer with its activation.
     *
     * @param in input columns
     * @param out output columns
     * @param activation parsed from the fixture's name
     * @param weights {@code W[in][out]}
     * @param bias {@code b[out]}
     */
    public record Layer(int in, int out, Activation activation, double[][] weights, double[] bias) {
    }

    /**
     * Gradients of one layer.
     *
     * @param weights {@code dW[in][out]}
     * @param bias {@code db[out]}
     */
    public record LayerGradient(double[][] weights, double[] bias) {
    }

    /**
     * Parameters of one layer after an optimizer run.
     *
     * @param weights {@code W[in][out]}
     * @param bias {@code b[out]}
     */
    public record LayerParameters(double[][] weights, double[] bias) {
    }

    /**
     * An optimizer run of {@code losses.length} steps from the fixture's parameters on its batch.
     *
     * @param name {@code sgd}, {@code sgd_momentum} or {@code adam}
     * @param settings the optimizer's settings as PyTorch's field names give them
     * @param lossesBeforeEachStep loss before step 1, 2, 3
     * @param lossAfterLastStep loss after the last step
     * @param layers parameters after the last step
     */
    public record StepRun(String name, Map<String, Object> settings, double[] lossesBeforeEachStep,
            double lossAfterLastStep, List<LayerParameters> layers) {

        /** A new optimizer configured as PyTorch's was. */
        public Optimizer optimizer() {
            String type = String.valueOf(settings.get("type"));
            double lr = (Double) settings.get("lr");
            double weightDecay = (Double) settings.getOrDefault("weight_decay", 0.0);
            if (type.equals("sgd")) {
                double momentum = (Double) settings.getOrDefault("momentum", 0.0);
                Sgd.Builder sgd = Sgd.builder(lr).weightDecay(weightDecay);
                if (momentum != 0) {
                    sgd.momentum(momentum)
                            .dampening((Double) settings.getOrDefault("dampening", 0.0))
                            .nesterov((Boolean) settings.getOrDefault("nesterov", false));
                }
                return sgd.build();
            }
            double[] betas = (double[]) settings.get("betas");
            return Adam.builder(lr).betas(betas[0], betas[1]).epsilon((Double) settings.get("eps"))
                    .weightDecay(weightDecay).build();
        }
    }

    /**
     * Reads and validates a fixture.
     *
     * @throws IllegalArgumentException naming the file and the field at fault if the JSON is malformed
     *     or does not describe a consistent network
     */
    public static OracleFixture read(Path file) {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.getFileName().toString(), json);
    }

    /**
     * Parses and validates a fixture's JSON text.
     *
     * @param source what to call it in error messages
     * @throws IllegalArgumentException naming the source and the field at fault if the JSON is malformed
     *     or does not describe a consistent network
     */
    public static OracleFixture parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not readable JSON: " + e.getMessage(), e);
        }
        Reader r = new Reader(source);
        if (root == null || !root.isObject()) {
            throw r.error("(root)", "expected a JSON object");
        }
        String dtype = r.text(root, "dtype");
        if (!dtype.equals("float64")) {
            throw r.error("dtype", "expected float64, got " + dtype);
        }
        JsonNode layersNode = r.field(root, "layers");
        if (!layersNode.isArray() || layersNode.isEmpty()) {
            throw r.error("layers", "expected a non-empty array");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) {
            String path = "layers[" + i + "]";
            JsonNode node = layersNode.get(i);
            int in = r.integer(node, path + ".in");
            int out = r.integer(node, path + ".out");
            if (i > 0 && in != layers.get(i - 1).out()) {
                throw r.error(path + ".in", in + " does not match the previous layer's out " + layers.get(i - 1).out());
            }
            Activation activation;
            try {
                activation = Activation.parse(r.text(node, path + ".activation"));
            } catch (IllegalArgumentException e) {
                throw r.error(path + ".activation", e.getMessage());
            }
            layers.add(new Layer(in, out, activation, r.matrix(node, path + ".W", in, out),
                    r.vector(node, path + ".b", out)));
        }
        int in = layers.get(0).in();
        int out = layers.get(layers.size() - 1).out();
        int batch = r.field(root, "X").size();
        if (batch == 0) {
            throw r.error("X", "expected at least one row");
        }
        JsonNode gradientsNode = r.field(root, "gradients");
        List<LayerGradient> gradients = new ArrayList<>();
        JsonNode gradientLayers = r.field(gradientsNode, "gradients.layers");
        if (gradientLayers.size() != layers.size()) {
            throw r.error("gradients.layers", "expected " + layers.size() + " entries, got " + gradientLayers.size());
        }
        for (int i = 0; i < layers.size(); i++) {
            String path = "gradients.layers[" + i + "]";
            gradients.add(new LayerGradient(r.matrix(gradientLayers.get(i), path + ".dW", layers.get(i).in(),
                    layers.get(i).out()), r.vector(gradientLayers.get(i), path + ".db", layers.get(i).out())));
        }
        Map<String, StepRun> steps = new LinkedHashMap<>();
        JsonNode stepsNode = r.field(root, "steps");
        int stepCount = r.integer(stepsNode, "steps.n_steps");
        for (String runName : List.of("sgd", "sgd_momentum", "adam")) {
            String path = "steps." + runName;
            JsonNode run = r.field(stepsNode, path);
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("type", r.text(run, path + ".type"));
            settings.put("lr", r.number(run, path + ".lr"));
            for (String optional : List.of("momentum", "dampening", "eps", "weight_decay")) {
                if (run.has(optional)) {
                    settings.put(optional, r.number(run, path + "." + optional));
                }
            }
            if (run.has("nesterov")) {
                settings.put("nesterov", run.get("nesterov").asBoolean());
            }
            if (run.has("betas")) {
                settings.put("betas", r.vector(run, path + ".betas", 2));
            }
            if (settings.get("type").equals("adam") && !settings.containsKey("betas")) {
                throw r.error(path + ".betas", "missing for adam");
            }
            JsonNode runLayers = r.field(run, path + ".layers");
            if (runLayers.size() != layers.size()) {
                throw r.error(path + ".layers", "expected " + layers.size() + " entries, got " + runLayers.size());
            }
            List<LayerParameters> after = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                String lp = path + ".layers[" + i + "]";
                after.add(new LayerParameters(r.matrix(runLayers.get(i), lp + ".W", layers.get(i).in(),
                        layers.get(i).out()), r.vector(runLayers.get(i), lp + ".b", layers.get(i).out())));
            }
            steps.put(runName, new StepRun(runName, settings, r.vector(run, path + ".losses_before_each_step",
                    stepCount), r.number(run, path + ".loss_after_last_step"), after));
        }
        return new OracleFixture(source, r.text(root, "name"), r.text(root, "loss"), layers,
                r.matrix(root, "X", batch, in), r.matrix(root, "T", batch, out), r.number(root, "expected_loss"),
                r.matrix(root, "output", batch, out), gradients, r.matrix(gradientsNode, "gradients.dX", batch, in),
                steps);
    }

    /** Typed access to fields, with errors that name the file and the field. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        IllegalArgumentException error(String field, String problem) {
            return new IllegalArgumentException(source + ": field '" + field + "': " + problem);
        }

        JsonNode field(JsonNode parent, String path) {
            String key = path.substring(path.lastIndexOf('.') + 1);
            JsonNode node = parent == null ? null : parent.get(key);
            if (node == null || node.isNull()) {
                throw error(path, "missing");
            }
            return node;
        }

        String text(JsonNode parent, String path) {
            JsonNode node = field(parent, path);
            if (!node.isTextual()) {
                throw error(path, "expected a string, got " + node);
            }
            return node.asText();
        }

        double number(JsonNode parent, String path) {
            return numberValue(field(parent, path), path);
        }

        private double numberValue(JsonNode node, String path) {
            if (!node.isNumber()) {
                throw error(path, "expected a number, got " + node);
            }
            return node.asDouble();
        }

        int integer(JsonNode parent, String path) {
            JsonNode node = field(parent, path);
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
                throw error(path, "expected a positive integer, got " + node);
            }
            return node.asInt();
        }

        double[] vector(JsonNode parent, String path, int length) {
            return vectorValue(field(parent, path), path, length);
        }

        private double[] vectorValue(JsonNode node, String path, int length) {
            if (!node.isArray() || node.size() != length) {
                throw error(path, "expected an array of " + length + " numbers, got "
                        + (node.isArray() ? node.size() + " elements" : node.getNodeType()));
            }
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = numberValue(node.get(i), path + "[" + i + "]");
            }
            return values;
        }

        double[][] matrix(JsonNode parent, String path, int rows, int cols) {
            JsonNode node = field(parent, path);
            if (!node.isArray() || node.size() != rows) {
                throw error(path, "expected " + rows + " rows of " + cols + " numbers, got "
                        + (node.isArray() ? node.size() + " rows" : node.getNodeType()));
            }
            double[][] values = new double[rows][];
            for (int i = 0; i < rows; i++) {
                values[i] = vectorValue(node.get(i), path + "[" + i + "]", cols);
            }
            return values;
        }
    }
}
