package dev.backprop.nn;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of layer kinds the architecture JSON can name: the built-in ones, and any an
 * application {@link #register}s before it loads a model that uses them.
 */
public final class LayerTypes {

    private static final Map<String, LayerType> TYPES = new ConcurrentHashMap<>();

    static {
        for (LayerType type : List.of(LayerSpec.DenseSpec.TYPE, LayerSpec.ActivationSpec.TYPE,
                LayerSpec.DropoutSpec.TYPE, LayerSpec.FlattenSpec.TYPE, LayerSpec.Conv2DSpec.TYPE,
                LayerSpec.MaxPool2DSpec.TYPE, LayerSpec.AvgPool2DSpec.TYPE, LayerSpec.GlobalAveragePool2DSpec.TYPE)) {
            register(type);
        }
    }

    private LayerTypes() {
    }

    /**
     * Adds a layer kind.
     *
     * @throws IllegalArgumentException if another kind has its name
     */
    public static void register(LayerType type) {
        LayerType previous = TYPES.putIfAbsent(type.name(), type);
        if (previous != null && !previous.equals(type)) {
            throw new IllegalArgumentException("layer type '" + type.name() + "' is already registered for "
                    + previous.specClass().getName());
        }
    }

    /**
     * The kind named {@code name}.
     *
     * @throws IllegalArgumentException listing the known kinds if there is none
     */
    public static LayerType named(String name) {
        LayerType type = TYPES.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown layer type '" + name + "'; known: " + all().keySet());
        }
        return type;
    }

    /** Every registered kind by name. */
    public static Map<String, LayerType> all() {
        return new TreeMap<>(TYPES);
    }
}
