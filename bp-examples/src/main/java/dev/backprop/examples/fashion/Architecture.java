package dev.backprop.examples.fashion;

import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The network families {@code bp train fashion-mnist --arch} offers. */
public enum Architecture {
    /** Dense layers on the 784 pixels: {@code 784-hidden...-10}, ReLU. */
    MLP {
        @Override
        Sequential.Builder layers(Sequential.Builder builder, FashionMnistTraining.Settings settings) {
            return dense(builder.input(784), settings);
        }

        @Override
        public String describe(FashionMnistTraining.Settings settings) {
            return "MLP 784-" + join(settings.hidden(), "-") + "-10 (ReLU" + dropout(settings) + ")";
        }
    },
    /**
     * Convolution blocks on the 1×28×28 image, each a 3×3 convolution with padding 1, ReLU and 2×2 max
     * pooling, then dense layers: by default conv 32 → pool → conv 64 → pool → dense 128 → dense 10.
     */
    CNN {
        @Override
        Sequential.Builder layers(Sequential.Builder builder, FashionMnistTraining.Settings settings) {
            builder.input(1, 28, 28);
            for (int filters : settings.filters()) {
                builder.conv2d(filters, 3, 1, Activation.relu()).maxPool2d(2);
            }
            return dense(builder.flatten(), settings);
        }

        @Override
        public String describe(FashionMnistTraining.Settings settings) {
            return "CNN " + Arrays.stream(settings.filters()).mapToObj(f -> "conv" + f + " 3x3 + pool")
                    .collect(Collectors.joining(" → ")) + " → dense " + join(settings.hidden(), "-") + " → 10 (ReLU"
                    + dropout(settings) + ")";
        }
    };

    /** Adds the input and every layer but the output layer. */
    abstract Sequential.Builder layers(Sequential.Builder builder, FashionMnistTraining.Settings settings);

    /** One line for the console, e.g. {@code MLP 784-256-128-10 (ReLU)}. */
    public abstract String describe(FashionMnistTraining.Settings settings);

    /** The lower-case name the command line takes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}, case-insensitively; the message lists the choices. */
    public static Architecture parse(String id) {
        for (Architecture a : values()) {
            if (a.id().equalsIgnoreCase(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + id + "'; expected mlp or cnn");
    }

    private static Sequential.Builder dense(Sequential.Builder builder, FashionMnistTraining.Settings settings) {
        for (int units : settings.hidden()) {
            builder.dense(units, Activation.relu());
            if (settings.dropout() > 0) {
                builder.dropout(settings.dropout());
            }
        }
        return builder;
    }

    private static String join(int[] values, String separator) {
        return Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(separator));
    }

    private static String dropout(FashionMnistTraining.Settings settings) {
        return (settings.dropout() > 0 ? ", dropout " + settings.dropout() : "")
                + (settings.shift() > 0 ? ", random shifts up to " + settings.shift() + " px" : "");
    }
}
