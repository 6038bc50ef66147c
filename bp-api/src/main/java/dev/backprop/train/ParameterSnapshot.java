package dev.backprop.train;

import dev.backprop.nn.Parameter;
import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Copies of a model's parameters on its backend, to restore later (epoch start, best epoch). */
final class ParameterSnapshot implements AutoCloseable {

    private final Backend backend;
    private final List<Parameter> parameters;
    private final List<Tensor> copies = new ArrayList<>();

    ParameterSnapshot(Backend backend, List<Parameter> parameters) {
        this.backend = backend;
        this.parameters = parameters;
    }

    /** Copies the current values (allocating the copies the first time). */
    void save() {
        if (copies.isEmpty()) {
            for (Parameter p : parameters) {
                copies.add(backend.allocate(p.value().dtype(), p.value().shape()));
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            backend.copy(parameters.get(i).value(), copies.get(i));
        }
    }

    /** Puts the saved values back. */
    void restore() {
        for (int i = 0; i < copies.size(); i++) {
            backend.copy(copies.get(i), parameters.get(i).value());
        }
    }

    @Override
    public void close() {
        copies.forEach(Tensor::close);
    }
}
