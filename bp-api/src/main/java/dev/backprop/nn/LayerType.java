package dev.backprop.nn;

import java.util.function.Function;

/**
 * A kind of layer as the architecture JSON names it: its type name, its spec class and how a spec is
 * read back from its {@link LayerSpec#properties()}. Registered in {@link LayerTypes}.
 *
 * @param name the type name, lower case
 * @param specClass the spec class
 * @param reader builds a spec from its properties; throws {@link IllegalArgumentException} naming a bad field
 */
public record LayerType(String name, Class<? extends LayerSpec> specClass, Function<LayerProperties, LayerSpec> reader) {

    /** Checks the name. */
    public LayerType {
        if (name == null || !name.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("a layer type name is lower-case letters and digits, got '" + name + "'");
        }
    }

    /** The spec of {@code properties}. */
    public LayerSpec read(LayerProperties properties) {
        return reader.apply(properties);
    }
}
