package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.testing.Fuzz;
import dev.backprop.testing.Fuzz.Sample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image input of {@code bp predict} on random and damaged PNG files: it returns 784 pixels in
 * {@code [0, 1]} or throws an {@link ImageInputException} naming the file; never another exception,
 * an {@link OutOfMemoryError} or a hang, whatever the decoder does. Width and height in the header
 * are set to anything, with the chunk's CRC fixed so that the size check itself is reached.
 */
class ImageInputFuzzTest {

    @TempDir
    static Path dir;
    private static List<byte[]> originals;

    @BeforeAll
    static void files() throws IOException {
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

    private static Sample<byte[]> pngFile(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> Fuzz.original(random, originals);
            case 1 -> damaged(random);
            case 2 -> Fuzz.flipped(random, damaged(random));
            default -> Fuzz.noise(random, 1024);
        };
    }

    private static Sample<byte[]> damaged(SplittableRandom random) {
        Sample<byte[]> base = Fuzz.original(random, originals);
        return switch (random.nextInt(3)) {
            case 0 -> Fuzz.truncated(random, base);
            case 1 -> Fuzz.flipped(random, base);
            default -> size(random, base);
        };
    }

    /** Anything, or one of the sizes that matter: huge, zero, negative, a little or a lot past the limits. */
    private static int dimension(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt();
            case 1 -> Fuzz.pick(random, List.of(0, 1, 100_000, 1 << 30, Integer.MAX_VALUE, -1));
            case 2 -> random.nextInt(1, 9001);
            default -> random.nextInt(5000, 70_001);
        };
    }

    /** IHDR width and height (bytes 16..23) set to anything, its CRC (bytes 29..32) recomputed. */
    private static Sample<byte[]> size(SplittableRandom random, Sample<byte[]> sample) {
        int width = dimension(random);
        int height = dimension(random);
        return sample.then("IHDR size set to " + width + "x" + height, withSize(sample.value(), width, height));
    }

    private static byte[] withSize(byte[] bytes, int width, int height) {
        byte[] copy = bytes.clone();
        ByteBuffer buffer = ByteBuffer.wrap(copy);
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(copy, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return copy;
    }

    private record Input(byte[] bytes, boolean invert) {
    }

    @Test
    void imagesAreReadOrRejectedNamingTheFile() {
        Fuzz.check(random -> {
            Sample<byte[]> png = pngFile(random);
            boolean invert = random.nextBoolean();
            return png.then("invert " + invert, new Input(png.value(), invert));
        }, input -> {
            Path file = Files.write(Files.createTempFile(dir, "fuzz", ".png"), input.bytes());
            try {
                double[] pixels = ImageInput.read(file, input.invert());
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
        });
    }

    @Test
    void aHugeDeclaredSizeIsRefusedBeforeDecoding() throws IOException {
        byte[] bytes = withSize(originals.get(0), 40_000, 40_000);
        Path file = Files.write(Files.createTempFile(dir, "huge", ".png"), bytes);
        try {
            String message = assertThrows(ImageInputException.class, () -> ImageInput.read(file, false)).getMessage();
            assertTrue(message.contains(file.toString()) && message.contains("40000x40000"), message);
        } finally {
            Files.delete(file);
        }
    }

    @Test
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
