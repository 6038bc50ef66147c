package dev.backprop.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando, MIT licence): 60,000 training and 10,000 test images of 28×28 grey pixels
 * in 10 classes, read from the four IDX files ({@code .gz} or raw) in a folder. Pixels become features
 * in {@code [0, 1]} ({@code /255}); labels are class indices (one-hot targets in training).
 *
 * @param train the training images
 * @param test the test images
 */
public record FashionMnist(Dataset train, Dataset test) {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** Pixel rows and columns of an image. */
    public static final int SIDE = 28;

    /** Pixels per image. */
    public static final int PIXELS = SIDE * SIDE;

    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /**
     * Reads the four files from {@code directory}.
     *
     * @throws IdxFormatException naming the folder and how to get the data if it or a file is missing,
     *     or naming the file if one is not valid IDX or image and label counts disagree
     */
    public static FashionMnist load(Path directory) throws IOException {
        checkFolder(directory);
        return new FashionMnist(read(directory, "train"), read(directory, "t10k"));
    }

    /**
     * Reads only the two test files ({@code t10k-*}) from {@code directory}, for programs that
     * evaluate or predict: the training files need not be there, nor intact.
     *
     * @throws IdxFormatException as {@link #load}, for the test files
     */
    public static Dataset loadTest(Path directory) throws IOException {
        checkFolder(directory);
        return read(directory, "t10k");
    }

    private static void checkFolder(Path directory) throws IdxFormatException {
        if (!Files.isDirectory(directory)) {
            throw new IdxFormatException("Fashion-MNIST not found: " + directory + " is not a folder. " + HOW_TO_GET);
        }
    }

    private static final String HOW_TO_GET = "Install it with `sudo apt-get install dataset-fashion-mnist` "
            + "(Debian/Ubuntu, into " + DEFAULT_DIRECTORY + ") or download the four files from "
            + "https://github.com/zalandoresearch/fashion-mnist and pass their folder (--data DIR).";

    private static Dataset read(Path directory, String prefix) throws IOException {
        Path images = file(directory, prefix + "-images-idx3-ubyte");
        Path labels = file(directory, prefix + "-labels-idx1-ubyte");
        Idx.Images pixels = Idx.readImages(images);
        if (pixels.rows() != SIDE || pixels.cols() != SIDE) {
            throw new IdxFormatException(images + ": images are " + pixels.rows() + "x" + pixels.cols()
                    + ", Fashion-MNIST's are 28x28");
        }
        int[] classes = Idx.readLabels(labels);
        if (pixels.count() != classes.length) {
            throw new IdxFormatException(images.getFileName() + " has " + pixels.count() + " images but "
                    + labels.getFileName() + " has " + classes.length + " labels");
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= CLASSES.size()) {
                throw new IdxFormatException(labels + ": label " + i + " is " + classes[i] + ", outside 0..9");
            }
        }
        return Dataset.ofPixels(pixels.pixels(), PIXELS, 1.0 / 255, classes, CLASSES.size());
    }

    private static Path file(Path directory, String name) throws IdxFormatException {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path file = directory.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IdxFormatException("Fashion-MNIST file " + name + "[.gz] is missing in " + directory + ". "
                + HOW_TO_GET);
    }
}
