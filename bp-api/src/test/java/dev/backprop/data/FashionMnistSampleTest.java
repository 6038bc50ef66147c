package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader and Fashion-MNIST loader on the committed sample of the real files, and on broken copies. */
class FashionMnistSampleTest {

    private static final Path SAMPLE = TestData.path("fashion-mnist-sample");

    @TempDir
    Path dir;

    @Test
    void readsTheSample() throws IOException {
        FashionMnist data = FashionMnist.load(SAMPLE);
        assertEquals(1000, data.train().size());
        assertEquals(200, data.test().size());
        assertEquals(784, data.train().featureCount());
        assertEquals(10, data.train().targetCount());
        assertEquals(9, data.train().label(0).orElseThrow(), "the first training image is an ankle boot");
        assertEquals(9, data.test().label(0).orElseThrow(), "the first test image is an ankle boot");
        double[] pixels = data.train().features(0);
        assertTrue(Arrays.stream(pixels).allMatch(p -> p >= 0 && p <= 1));
        assertTrue(Arrays.stream(pixels).anyMatch(p -> p == 1.0), "pixels scale 255 to 1");
        double[] oneHot = data.train().targets(0);
        assertEquals(1.0, oneHot[9]);
        assertEquals(1.0, Arrays.stream(oneHot).sum());
    }

    @Test
    void readsRawFilesToo() throws IOException {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            try (var in = new GZIPInputStream(Files.newInputStream(SAMPLE.resolve(name + ".gz")))) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        assertEquals(1000, FashionMnist.load(dir).train().size());
    }

    private void copySample() throws IOException {
        try (var files = Files.list(SAMPLE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".gz")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static void gzip(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }

    private String failure() {
        return assertThrows(IdxFormatException.class, () -> FashionMnist.load(dir)).getMessage();
    }

    @Test
    void aMissingFolderSaysHowToGetTheData() {
        String message = assertThrows(IdxFormatException.class,
                () -> FashionMnist.load(dir.resolve("nowhere"))).getMessage();
        assertTrue(message.contains("apt-get install dataset-fashion-mnist") && message.contains("--data DIR"),
                message);
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        copySample();
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        String message = failure();
        assertTrue(message.contains("t10k-labels-idx1-ubyte") && message.contains("missing"), message);
    }

    @Test
    void aWrongMagicNumberIsNamed() throws IOException {
        copySample();
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] bytes = gunzip(images);
        bytes[3] = 0x01;
        gzip(images, bytes);
        String message = failure();
        assertTrue(message.contains("magic number 0x00000801") && message.contains("expected 0x00000803")
                && message.contains("train-images"), message);
    }

    @Test
    void aTruncatedFileIsNamed() throws IOException {
        copySample();
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        byte[] bytes = gunzip(images);
        gzip(images, Arrays.copyOf(bytes, bytes.length - 100));
        String message = failure();
        assertTrue(message.contains("truncated") && message.contains("200 images of 28x28"), message);
    }

    @Test
    void aTruncatedGzipStreamIsNamed() throws IOException {
        copySample();
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length / 2));
        String message = failure();
        assertTrue(message.contains("train-images") && (message.contains("truncated")
                || message.contains("unreadable")), message);
    }

    @Test
    void imageAndLabelCountsThatDisagreeAreNamed() throws IOException {
        copySample();
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        byte[] bytes = gunzip(labels);
        ByteBuffer.wrap(bytes).putInt(4, 999);
        gzip(labels, Arrays.copyOf(bytes, 8 + 999));
        String message = failure();
        assertTrue(message.contains("1000 images") && message.contains("999 labels"), message);
    }

    @Test
    void anEmptyFileIsNamed() throws IOException {
        copySample();
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[0]);
        String message = failure();
        assertTrue(message.contains("train-labels") && message.contains("empty or truncated"), message);
    }
}
