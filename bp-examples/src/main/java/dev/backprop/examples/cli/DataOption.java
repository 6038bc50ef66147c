package dev.backprop.examples.cli;

import dev.backprop.data.Dataset;
import dev.backprop.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option of the Fashion-MNIST programs. */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the four Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}, where Debian's "
                    + "dataset-fashion-mnist package installs them).")
    Path data = FashionMnist.DEFAULT_DIRECTORY;

    FashionMnist load() throws IOException {
        return FashionMnist.load(data);
    }

    /** Only the test images, for programs that do not train. */
    Dataset loadTest() throws IOException {
        return FashionMnist.loadTest(data);
    }
}
