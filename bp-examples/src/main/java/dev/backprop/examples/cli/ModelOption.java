package dev.backprop.examples.cli;

import dev.backprop.io.ModelFile;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model FILE} option of the programs that use a saved model. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by `bp train --out`.")
    Path model;

    /** Loads the model on {@code backend}, in {@code dtype} if not null. */
    ModelFile.Saved load(Backend backend, DType dtype) throws IOException {
        return ModelFile.load(model, backend, dtype);
    }
}
