package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.testing.Fuzz;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX reader on random and damaged files, raw and gzip: it returns what the header promises or
 * throws an {@link IdxFormatException} naming the file; never another exception, an
 * {@link OutOfMemoryError} or a hang. Tries: {@code backprop.fuzz.tries} (see {@link Fuzz}).
 */
class IdxFuzzTest {

    @TempDir
    static Path dir;
    private static List<byte[]> labels;
    private static List<byte[]> images;

    @BeforeAll
    static void originals() {
        byte[] labelsGz = sample("t10k-labels-idx1-ubyte.gz");
        labels = List.of(labelsGz, gunzip(labelsGz));
        byte[] imagesGz = sample("t10k-images-idx3-ubyte.gz");
        images = List.of(imagesGz, Arrays.copyOf(gunzip(imagesGz), 16 + 3 * 784));
    }

    private static byte[] sample(String name) {
        try {
            return Files.readAllBytes(TestData.path("fashion-mnist-sample").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gunzip(byte[] bytes) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "fuzz", ".idx"), bytes);
    }

    private static void expected(Throwable e, Path file) {
        if (!(e instanceof IdxFormatException)) {
            fail("not an IdxFormatException for " + file, e);
        }
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void labelsAreReadOrRejectedNamingTheFile() {
        Fuzz.check(random -> Mutations.of(random, labels, 8), bytes -> {
            Path file = write(bytes);
            try {
                int[] read = Idx.readLabels(file);
                assertTrue(read.length > 0 && Arrays.stream(read).allMatch(l -> l >= 0 && l < 256));
            } catch (Throwable e) {
                expected(e, file);
            } finally {
                Files.delete(file);
            }
        });
    }

    @Test
    void imagesAreReadOrRejectedNamingTheFile() {
        Fuzz.check(random -> Mutations.of(random, images, 16), bytes -> {
            Path file = write(bytes);
            try {
                Idx.Images read = Idx.readImages(file);
                assertEquals((long) read.count() * read.rows() * read.cols(), read.pixels().length);
            } catch (Throwable e) {
                expected(e, file);
            } finally {
                Files.delete(file);
            }
        });
    }
}
