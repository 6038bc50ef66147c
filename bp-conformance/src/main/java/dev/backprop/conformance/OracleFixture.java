package dev.backprop.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.nn.Activation;
import dev.backprop.nn.LayerSpec;
import dev.backprop.optim.Adam;
import dev.backprop.optim.Optimizer;
import dev.backprop.optim.Sgd;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Window2d;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One golden-gradient fixture computed by PyTorch in float64: a network with fixed parameters, a
 * batch, a loss, and what PyTorch computed for them. Two formats are read: the dense fixtures (format
 * in the bundled {@code dev/backprop/conformance/oracle/README.md}: a list of dense layers) and
 * {@code conv-1} (the bundled {@code oracle/conv/README.md}: NCHW images through {@code conv2d},
 * {@code maxpool2d}, {@code avgpool2d}, {@code flatten} and {@code dense} layers). Parameters and
 * gradients are flat arrays in the layout of the matching layer ({@code W[in][out]} for dense,
 * {@code W[out][in][kh][kw]} for conv2d); inputs are one row per sample, flattened in C, H, W order.
 *
 * @param source where it was read from: a file name, or {@code bundled/<name>} for a fixture of the kit jar
 * @param name the case id
 * @param loss {@code mse}, {@code softmax_cross_entropy} or {@code binary_cross_entropy}
 * @param inputShape one input sample ({@code [in]} or {@code [C, H, W]})
 * @param layers the layers, input to output, one per entry of the fixture's layer list
 * @param inputs {@code X}, {@code [batch][features]}
 * @param targets {@code T}, {@code [batch][out]}
 * @param expectedLoss the loss at the given parameters
 * @param output the network output (logits for softmax cross-entropy)
 * @param gradients {@code dW} and {@code db} per layer; {@code null} for a layer without parameters
 * @param inputGradient {@code dX}, {@code [batch][features]}
 * @param steps the optimizer runs, by name ({@code sgd}, {@code sgd_momentum}, {@code adam})
 */
public record OracleFixture(String source, String name, String loss, Shape inputShape, List<Layer> layers,
        double[][] inputs, double[][] targets, double expectedLoss, double[][] output, List<LayerGradient> gradients,
        double[][] inputGradient, Map<String, StepRun> steps) {

    /**
     * One layer of the fixture.
     *
     * @param spec the layer without its activation
     * @param activation applied to the layer's output (identity for pooling and flatten)
     * @param weights {@code W} in the layer's layout, or {@code null} for a layer without parameters
     * @param bias {@code b}, or {@code null}
     */
    public record Layer(LayerSpec spec, Activation activation, double[] weights, double[] bias) {

        /** Whether the layer has {@code W} and {@code b}. */
        public boolean hasParameters() {
            return weights != null;
        }
    }

    /**
     * Gradients of one layer.
     *
     * @param weights {@code dW}, in the layout of {@code W}
     * @param bias {@code db}
     */
    public record LayerGradient(double[] weights, double[] bias) {
    }

    /**
     * Parameters of one layer after an optimizer run.
     *
     * @param weights {@code W}
     * @param bias {@code b}
     */
    public record LayerParameters(double[] weights, double[] bias) {
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
        boolean conv = root.has("format");
        if (conv && !r.text(root, "format").equals("conv-1")) {
            throw r.error("format", "expected conv-1 (or no format field for a dense fixture), got "
                    + root.get("format"));
        }
        JsonNode layersNode = r.field(root, "layers");
        if (!layersNode.isArray() || layersNode.isEmpty()) {
            throw r.error("layers", "expected a non-empty array");
        }
        int batch = r.field(root, "X").size();
        if (batch == 0) {
            throw r.error("X", "expected at least one row");
        }
        List<Shape> shapes = conv ? r.shapes(root, layersNode.size()) : null;
        Shape inputShape = conv ? sample(shapes.get(0)) : Shape.of(r.integer(layersNode.get(0), "layers[0].in"));
        List<Layer> layers = new ArrayList<>();
        List<int[][]> parameterDims = new ArrayList<>();
        Shape shape = inputShape;
        for (int i = 0; i < layersNode.size(); i++) {
            String path = "layers[" + i + "]";
            JsonNode node = layersNode.get(i);
            String type = conv ? r.text(node, path + ".type") : "dense";
            LayerSpec spec;
            int[][] dims = null;
            switch (type) {
                case "dense" -> {
                    int in = r.integer(node, path + ".in");
                    int out = r.integer(node, path + ".out");
                    if (in != shape.size()) {
                        throw r.error(path + ".in", in + " does not match the " + shape.size()
                                + " values the previous layer gives");
                    }
                    spec = new LayerSpec.DenseSpec(out);
                    dims = new int[][] {{in, out}, {out}};
                }
                case "conv2d" -> {
                    int in = r.integer(node, path + ".in_channels");
                    int out = r.integer(node, path + ".out_channels");
                    int[] kernel = r.pair(node, path + ".kernel", 1);
                    int[] stride = r.pair(node, path + ".stride", 1);
                    int[] padding = r.pair(node, path + ".padding", 0);
                    if (shape.rank() != 3 || in != shape.dim(0)) {
                        throw r.error(path + ".in_channels", in + " does not match the input " + shape);
                    }
                    spec = new LayerSpec.Conv2DSpec(out, new Window2d(kernel[0], kernel[1], stride[0], stride[1],
                            padding[0], padding[1]));
                    dims = new int[][] {{out, in, kernel[0], kernel[1]}, {out}};
                }
                case "maxpool2d", "avgpool2d" -> {
                    int[] kernel = r.pair(node, path + ".kernel", 1);
                    int[] stride = r.pair(node, path + ".stride", 1);
                    Window2d window = new Window2d(kernel[0], kernel[1], stride[0], stride[1], 0, 0);
                    spec = type.equals("maxpool2d") ? new LayerSpec.MaxPool2DSpec(window)
                            : new LayerSpec.AvgPool2DSpec(window);
                }
                case "flatten" -> spec = new LayerSpec.FlattenSpec();
                default -> throw r.error(path + ".type", "unknown layer type '" + type
                        + "'; expected conv2d, maxpool2d, avgpool2d, flatten or dense");
            }
            Activation activation = Activation.identity();
            double[] weights = null;
            double[] bias = null;
            if (dims != null) {
                try {
                    activation = Activation.parse(r.text(node, path + ".activation"));
                } catch (IllegalArgumentException e) {
                    throw r.error(path + ".activation", e.getMessage());
                }
                weights = r.tensor(node, path + ".W", dims[0]);
                bias = r.tensor(node, path + ".b", dims[1]);
            }
            try {
                shape = spec.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw r.error(path, e.getMessage());
            }
            if (conv && !shape.equals(sample(shapes.get(i + 1)))) {
                throw r.error("shapes[" + (i + 1) + "]", shapes.get(i + 1) + " is not what " + type + " gives: "
                        + shape + " per sample");
            }
            layers.add(new Layer(spec, activation, weights, bias));
            parameterDims.add(dims);
        }
        int[] inputDims = batchDims(batch, inputShape);
        int out = (int) shape.size();
        JsonNode gradientsNode = r.field(root, "gradients");
        List<LayerGradient> gradients = new ArrayList<>();
        JsonNode gradientLayers = r.field(gradientsNode, "gradients.layers");
        if (gradientLayers.size() != layers.size()) {
            throw r.error("gradients.layers", "expected " + layers.size() + " entries, got " + gradientLayers.size());
        }
        for (int i = 0; i < layers.size(); i++) {
            String path = "gradients.layers[" + i + "]";
            int[][] dims = parameterDims.get(i);
            gradients.add(dims == null ? null : new LayerGradient(r.tensor(gradientLayers.get(i), path + ".dW",
                    dims[0]), r.tensor(gradientLayers.get(i), path + ".db", dims[1])));
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
                int[][] dims = parameterDims.get(i);
                after.add(dims == null ? null : new LayerParameters(r.tensor(runLayers.get(i), lp + ".W", dims[0]),
                        r.tensor(runLayers.get(i), lp + ".b", dims[1])));
            }
            steps.put(runName, new StepRun(runName, settings, r.vector(run, path + ".losses_before_each_step",
                    stepCount), r.number(run, path + ".loss_after_last_step"), after));
        }
        int features = (int) inputShape.size();
        return new OracleFixture(source, r.text(root, "name"), r.text(root, "loss"), inputShape, layers,
                rows(r.tensor(root, "X", inputDims), batch, features), r.matrix(root, "T", batch, out),
                r.number(root, "expected_loss"), r.matrix(root, "output", batch, out), gradients,
                rows(r.tensor(gradientsNode, "gradients.dX", inputDims), batch, features), steps);
    }

    /** The number of samples. */
    public int batch() {
        return inputs.length;
    }

    private static Shape sample(Shape batchShape) {
        int[] dims = batchShape.dims();
        return Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length));
    }

    private static int[] batchDims(int batch, Shape sample) {
        int[] dims = new int[sample.rank() + 1];
        dims[0] = batch;
        System.arraycopy(sample.dims(), 0, dims, 1, sample.rank());
        return dims;
    }

    private static double[][] rows(double[] flat, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
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

        /** A nested array of exactly {@code dims}, flattened row-major. */
        double[] tensor(JsonNode parent, String path, int... dims) {
            double[] out = new double[java.util.Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
            fill(field(parent, path), path, dims, 0, out, 0);
            return out;
        }

        private int fill(JsonNode node, String path, int[] dims, int axis, double[] out, int at) {
            if (!node.isArray() || node.size() != dims[axis]) {
                throw error(path, "expected an array of " + dims[axis] + (axis == dims.length - 1 ? " numbers" : " arrays")
                        + ", got " + (node.isArray() ? node.size() + " elements" : node.getNodeType()));
            }
            for (int i = 0; i < dims[axis]; i++) {
                if (axis == dims.length - 1) {
                    out[at++] = numberValue(node.get(i), path + "[" + i + "]");
                } else {
                    at = fill(node.get(i), path + "[" + i + "]", dims, axis + 1, out, at);
                }
            }
            return at;
        }

        /** A pair {@code [height, width]} of integers of at least {@code min}. */
        int[] pair(JsonNode parent, String path, int min) {
            JsonNode node = field(parent, path);
            if (!node.isArray() || node.size() != 2 || !node.get(0).isIntegralNumber()
                    || !node.get(1).isIntegralNumber() || node.get(0).asInt() < min || node.get(1).asInt() < min) {
                throw error(path, "expected [height, width], integers of at least " + min + ", got " + node);
            }
            return new int[] {node.get(0).asInt(), node.get(1).asInt()};
        }

        /** The {@code shapes} field: the input's and every layer's output shape, batch first. */
        List<Shape> shapes(JsonNode root, int layers) {
            JsonNode node = field(root, "shapes");
            if (!node.isArray() || node.size() != layers + 1) {
                throw error("shapes", "expected " + (layers + 1) + " shapes (the input's and one per layer), got "
                        + node);
            }
            List<Shape> shapes = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode s = node.get(i);
                int[] dims = new int[s.size()];
                for (int k = 0; k < dims.length; k++) {
                    dims[k] = s.get(k).asInt();
                }
                try {
                    shapes.add(Shape.of(dims));
                } catch (IllegalArgumentException e) {
                    throw error("shapes[" + i + "]", e.getMessage());
                }
            }
            if (shapes.get(0).rank() != 4) {
                throw error("shapes[0]", "the input of a conv-1 fixture is [B, C, H, W], got " + shapes.get(0));
            }
            return shapes;
        }
    }
}
