package dev.backprop.examples.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.inspect.Matrix;
import java.io.PrintWriter;

/**
 * An {@link Explanation} as JSON: the settings, then {@code sections}, each a list of quantities with
 * {@code symbol}, {@code formula}, {@code computedBy}, {@code shape} and {@code value} (rows of numbers
 * at full precision), gradients also with {@code finiteDifference} and {@code maxDifference}.
 */
final class ExplanationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplanationJson() {
    }

    static void print(Explanation e, PrintWriter out) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("network", e.network());
        root.put("backend", e.backend());
        root.put("dtype", e.dtype().id());
        root.put("seed", e.seed());
        root.put("learningRate", e.learningRate());
        root.put("step", e.step());
        root.put("finiteDifferenceStep", e.finiteDifferenceStep());
        root.put("loss", e.loss());
        ArrayNode sections = root.putArray("sections");
        for (Explanation.Section section : e.sections()) {
            ObjectNode s = sections.addObject();
            s.put("name", section.name());
            s.put("title", section.title());
            ArrayNode quantities = s.putArray("quantities");
            for (Quantity q : section.quantities()) {
                ObjectNode node = quantities.addObject();
                node.put("symbol", q.symbol());
                node.put("formula", q.formula());
                node.put("computedBy", q.computedBy());
                node.putArray("shape").add(q.value().rows()).add(q.value().cols());
                node.set("value", rows(q.value()));
                if (q.isGradient()) {
                    node.set("finiteDifference", rows(q.finiteDifference()));
                    node.put("maxDifference", q.maxDifference());
                }
            }
        }
        root.put("maxDifference", e.maxDifference());
        try {
            out.println(MAPPER.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("cannot write the explanation as JSON", ex);
        }
        out.flush();
    }

    private static ArrayNode rows(Matrix m) {
        ArrayNode rows = MAPPER.createArrayNode();
        for (double[] row : m.toArray()) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        return rows;
    }
}
