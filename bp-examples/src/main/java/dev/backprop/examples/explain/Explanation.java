package dev.backprop.examples.explain;

import dev.backprop.spi.DType;
import java.util.List;

/**
 * An explained training step: what it ran on and every value, section by section, in the order they
 * were computed.
 *
 * @param network for example {@code xor}
 * @param backend the backend's name
 * @param dtype element type
 * @param seed seed of the initial weights
 * @param learningRate {@code α}
 * @param step which step of training this is, from 1
 * @param finiteDifferenceStep the {@code h} of the central differences
 * @param loss {@code J}
 * @param sections {@code forward}, {@code backward}, {@code update}, with their quantities
 */
public record Explanation(String network, String backend, DType dtype, long seed, double learningRate, int step,
        double finiteDifferenceStep, double loss, List<Section> sections) {

    /**
     * A titled group of quantities.
     *
     * @param name {@code forward}, {@code backward} or {@code update}
     * @param title one line that says what the section shows
     * @param quantities in the order they are computed
     */
    public record Section(String name, String title, List<Quantity> quantities) {
        /** Copies the list. */
        public Section {
            quantities = List.copyOf(quantities);
        }
    }

    /** Copies the list. */
    public Explanation {
        sections = List.copyOf(sections);
    }

    /** The largest {@code |gradient − finite difference|} over every gradient shown. */
    public double maxDifference() {
        return sections.stream().flatMap(s -> s.quantities().stream()).filter(Quantity::isGradient)
                .mapToDouble(Quantity::maxDifference).max().orElse(0);
    }
}
