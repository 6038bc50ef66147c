package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The image input of {@code bp predict} on random and damaged PNG files: it returns 784 pixels in
 * {@code [0, 1]} or throws an {@link ImageInputException} naming the file; never another exception,
 * an {@link OutOfMemoryError} or a hang, whatever the decoder does. Width and height in the header
 * are set to anything, with the chunk's CRC fixed so that the size check itself is reached.
 */
class ImageInputFuzzTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static Path dir;
    private static List<byte[]> originals;

    @BeforeContainer
    static void files() throws IOException {
        dir = Files.createTempDirectory("png-fuzz");
        originals = List.of(png(BufferedImage.TYPE_BYTE_GRAY, 28), png(BufferedImage.TYPE_INT_RGB, 40),
                png(BufferedImage.TYPE_INT_ARGB, 17), png(BufferedImage.TYPE_BYTE_INDEXED, 33),
                png(BufferedImage.TYPE_USHORT_GRAY, 9));
    }

    private static byte[] png(int type, int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, type);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, 0x9e3779b9 * (x + 31 * y));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
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

    @Provide
    Arbitrary<byte[]> pngFiles() {
        Arbitrary<byte[]> base = Arbitraries.of(originals).map(byte[]::clone);
        Arbitrary<byte[]> damaged = base.flatMap(b -> Arbitraries.oneOf(truncated(b), flipped(b), size(b)));
        return Arbitraries.oneOf(base, damaged, damaged.flatMap(ImageInputFuzzTest::flipped),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(1024));
    }

    private static Arbitrary<byte[]> truncated(byte[] bytes) {
        return Arbitraries.integers().between(0, bytes.length - 1).map(n -> Arrays.copyOf(bytes, n));
    }

    private static Arbitrary<byte[]> flipped(byte[] bytes) {
        if (bytes.length == 0) {
            return Arbitraries.just(bytes);
        }
        return Combinators.combine(Arbitraries.integers().between(0, bytes.length - 1),
                Arbitraries.integers().between(0, 7)).as((at, bit) -> {
                    byte[] copy = bytes.clone();
                    copy[at] ^= (byte) (1 << bit);
                    return copy;
                });
    }

    /** IHDR width and height (bytes 16..23) set to anything, its CRC (bytes 29..32) recomputed. */
    private static Arbitrary<byte[]> size(byte[] bytes) {
        Arbitrary<Integer> dimension = Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, 1, 100_000,
                1 << 30, Integer.MAX_VALUE, -1), Arbitraries.integers().between(1, 9000),
                Arbitraries.integers().between(5000, 70_000));
        return Combinators.combine(dimension, dimension).as((width, height) -> {
            byte[] copy = bytes.clone();
            ByteBuffer buffer = ByteBuffer.wrap(copy);
            buffer.putInt(16, width).putInt(20, height);
            CRC32 crc = new CRC32();
            crc.update(copy, 12, 17);
            buffer.putInt(29, (int) crc.getValue());
            return copy;
        });
    }

    @Property
    void imagesAreReadOrRejectedNamingTheFile(@ForAll("pngFiles") byte[] bytes, @ForAll boolean invert)
            throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "fuzz", ".png"), bytes);
        try {
            double[] pixels = assertTimeoutPreemptively(LIMIT, () -> ImageInput.read(file, invert));
            assertEquals(784, pixels.length);
            assertTrue(Arrays.stream(pixels).allMatch(p -> p >= 0 && p <= 1));
        } catch (Throwable e) {
            if (!(e instanceof ImageInputException)) {
                fail("not an ImageInputException for " + file, e);
            }
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 1)
    void aHugeDeclaredSizeIsRefusedBeforeDecoding() throws IOException {
        byte[] bytes = size(originals.get(0)).sample();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).putInt(16, 40_000).putInt(20, 40_000);
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        Path file = Files.write(Files.createTempFile(dir, "huge", ".png"), bytes);
        try {
            String message = org.junit.jupiter.api.Assertions.assertThrows(ImageInputException.class,
                    () -> ImageInput.read(file, false)).getMessage();
            assertTrue(message.contains(file.toString()) && message.contains("40000x40000"), message);
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 1)
    void theUndamagedImagesAreRead() throws IOException {
        for (byte[] bytes : originals) {
            Path file = Files.write(Files.createTempFile(dir, "intact", ".png"), bytes);
            try {
                assertEquals(784, ImageInput.read(file, false).length);
            } finally {
                Files.delete(file);
            }
        }
    }
}
