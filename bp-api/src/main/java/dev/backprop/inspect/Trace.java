package dev.backprop.inspect;

import dev.backprop.spi.DType;
import java.util.List;
import java.util.stream.Stream;

/**
 * One forward and backward pass of a model on one batch, layer by layer, as a {@link Tracer}
 * recorded it.
 *
 * @param backend the backend's name
 * @param dtype element type of the model
 * @param loss the loss's id, e.g. {@code mse}
 * @param input the batch
 * @param target its targets
 * @param value the loss {@code J}
 * @param layers the layers the loss's forward and backward passes ran through, input to output (a
 *     final activation a loss absorbs, softmax before softmax cross-entropy, is not among them)
 * @param finiteDifferenceStep the step {@code h} of the finite differences, or 0 if there are none
 */
public record Trace(String backend, DType dtype, String loss, Matrix input, Matrix target, double value,
        List<LayerTrace> layers, double finiteDifferenceStep) {

    /** Copies the layer list. */
    public Trace {
        layers = List.copyOf(layers);
    }

    /** What the loss compared with the targets: the last traced layer's output. */
    public Matrix prediction() {
        return layers.get(layers.size() - 1).output();
    }

    /** Every gradient of the trace: each layer's output and input gradients and its parameters'. */
    public List<Gradient> gradients() {
        return layers.stream().flatMap(l -> Stream.concat(Stream.of(l.outputGradient(), l.inputGradient()),
                l.parameters().stream().map(ParameterTrace::gradient))).toList();
    }

    /**
     * The largest {@code |analytic − numeric|} over every gradient of the trace.
     *
     * @throws IllegalStateException if the trace computed no finite differences
     */
    public double maxDifference() {
        if (finiteDifferenceStep == 0) {
            throw new IllegalStateException("this trace has no finite differences");
        }
        return gradients().stream().mapToDouble(Gradient::maxDifference).max().orElse(0);
    }
}
