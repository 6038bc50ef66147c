package dev.backprop.nn;

import dev.backprop.spi.Backend;
import java.util.List;

/** A layer without parameters whose output has its input's shape (activations, dropout). */
abstract class SizePreservingLayer implements Layer {

    private final String name;
    private final int size;
    /** The backend the layer computes on. */
    final Backend backend;

    SizePreservingLayer(String name, Backend backend, int size) {
        this.name = name;
        this.backend = backend;
        this.size = size;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int inputSize() {
        return size;
    }

    @Override
    public final int outputSize() {
        return size;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }
}
