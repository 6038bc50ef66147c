package dev.backprop.optim;

import dev.backprop.nn.Parameter;
import dev.backprop.spi.Backend;
import dev.backprop.spi.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-parameter optimizer state: a few tensors shaped like the parameter, created zero-filled on the
 * parameter's first step.
 */
final class ParameterState<S> implements AutoCloseable {

    private final Map<Parameter, S> states = new IdentityHashMap<>();
    private final List<Tensor> owned = new ArrayList<>();
    private final Function<Parameter, S> factory;

    /** @param factory makes a parameter's state on its first use */
    ParameterState(Function<Parameter, S> factory) {
        this.factory = factory;
    }

    /** The state of {@code parameter}, made on first use; allocates nothing once it exists. */
    S of(Parameter parameter) {
        S s = states.get(parameter);
        if (s == null) {
            s = factory.apply(parameter);
            states.put(parameter, s);
        }
        return s;
    }

    /** A zero-filled tensor shaped like {@code parameter}, released with this state. */
    Tensor zerosLike(Backend backend, Parameter parameter) {
        Tensor t = backend.allocate(parameter.value().dtype(), parameter.value().shape());
        owned.add(t);
        return t;
    }

    @Override
    public void close() {
        owned.forEach(Tensor::close);
        owned.clear();
        states.clear();
    }
}
