package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The IDX reader on random and damaged files, raw and gzip: it returns what the header promises or
 * throws an {@link IdxFormatException} naming the file; never another exception, an
 * {@link OutOfMemoryError} or a hang. Tries: {@code jqwik.tries.default} (see junit-platform.properties).
 */
class IdxFuzzTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static Path dir;

    @BeforeContainer
    static void folder() throws IOException {
        dir = Files.createTempDirectory("idx-fuzz");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
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

    @Provide
    Arbitrary<byte[]> labelFiles() {
        byte[] gz = sample("t10k-labels-idx1-ubyte.gz");
        return Mutations.of(List.of(gz, gunzip(gz)), 8);
    }

    @Provide
    Arbitrary<byte[]> imageFiles() {
        byte[] gz = sample("t10k-images-idx3-ubyte.gz");
        byte[] raw = gunzip(gz);
        return Mutations.of(List.of(gz, Arrays.copyOf(raw, 16 + 3 * 784)), 16);
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

    @Property
    void labelsAreReadOrRejectedNamingTheFile(@ForAll("labelFiles") byte[] bytes) throws IOException {
        Path file = write(bytes);
        try {
            int[] labels = assertTimeoutPreemptively(LIMIT, () -> Idx.readLabels(file));
            assertTrue(labels.length > 0 && Arrays.stream(labels).allMatch(l -> l >= 0 && l < 256));
        } catch (Throwable e) {
            expected(e, file);
        } finally {
            Files.delete(file);
        }
    }

    @Property
    void imagesAreReadOrRejectedNamingTheFile(@ForAll("imageFiles") byte[] bytes) throws IOException {
        Path file = write(bytes);
        try {
            Idx.Images images = assertTimeoutPreemptively(LIMIT, () -> Idx.readImages(file));
            assertEquals((long) images.count() * images.rows() * images.cols(), images.pixels().length);
        } catch (Throwable e) {
            expected(e, file);
        } finally {
            Files.delete(file);
        }
    }
}
