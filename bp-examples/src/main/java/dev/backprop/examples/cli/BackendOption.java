package dev.backprop.examples.cli;

import dev.backprop.backend.BackendSelectionException;
import dev.backprop.backend.Backends;
import dev.backprop.backend.SelectionRule;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import picocli.CommandLine.Option;

/** The {@code --backend} and {@code --dtype} options every program shares. */
public final class BackendOption {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run on (pure, ejml, nd4j). Default: property backprop.backend, "
                    + "variable BACKPROP_BACKEND, else the highest-priority available one.")
    String backend;

    @Option(names = "--dtype", paramLabel = "TYPE", converter = DTypeConverter.class,
            description = "float64 or float32 (default: float64 for xor, float32 for training on data sets).")
    DType dtype;

    /** The chosen backend. */
    Backend backend() {
        if (backend == null) {
            return Backends.get();
        }
        try {
            return Backends.get(backend);
        } catch (BackendSelectionException e) {
            String apiCall = "(asked for by " + SelectionRule.API_CALL.label() + ")";
            throw new BackendSelectionException(e.getMessage().replace(apiCall, "(given as --backend)"), e);
        }
    }

    /** The chosen data type, or {@code fallback}. */
    DType dtype(DType fallback) {
        return dtype != null ? dtype : fallback;
    }

    /** Parses data types for picocli. */
    static final class DTypeConverter implements picocli.CommandLine.ITypeConverter<DType> {
        @Override
        public DType convert(String value) {
            return DType.parse(value);
        }
    }
}
