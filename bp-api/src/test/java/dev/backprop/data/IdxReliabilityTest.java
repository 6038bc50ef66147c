package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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

/** Issue 13: corrupted, oversized and padded IDX files are rejected before they are used or allocated. */
class IdxReliabilityTest {

    private static final Path SAMPLE = TestData.path("fashion-mnist-sample");

    @TempDir
    Path dir;

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buffer)) {
            out.write(bytes);
        }
        return buffer.toByteArray();
    }

    private Path copy(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] sample(String name) throws IOException {
        return Files.readAllBytes(SAMPLE.resolve(name));
    }

    @Test
    void aFlippedBitInsideTheCompressedLabelsIsRejected() throws IOException {
        byte[] bytes = sample("t10k-labels-idx1-ubyte.gz");
        int[] intact = Idx.readLabels(copy("intact.gz", bytes));
        int rejected = 0;
        int changedSilently = 0;
        for (int at = 20; at < bytes.length - 8; at += 7) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x04;
            Path file = copy("flipped-" + at + ".gz", flipped);
            try {
                int[] labels = Idx.readLabels(file);
                if (!Arrays.equals(intact, labels)) {
                    changedSilently++;
                }
            } catch (IdxFormatException e) {
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
                rejected++;
            }
        }
        assertEquals(0, changedSilently, "labels changed without an error");
        assertTrue(rejected > 0);
    }

    @Test
    void aFlippedCrcInTheGzipTrailerIsRejected() throws IOException {
        byte[] bytes = sample("t10k-labels-idx1-ubyte.gz");
        bytes[bytes.length - 6] ^= 0x01;
        Path file = copy("crc.gz", bytes);
        String message = assertThrows(IdxFormatException.class, () -> Idx.readLabels(file)).getMessage();
        assertTrue(message.contains(file.toString()) && message.contains("corrupt"), message);
    }

    @Test
    void trailingBytesAfterThePayloadAreRejected() throws IOException {
        byte[] raw = gunzip(sample("t10k-labels-idx1-ubyte.gz"));
        byte[] padded = Arrays.copyOf(raw, raw.length + 3);
        for (Path file : new Path[] {copy("padded", padded), copy("padded.gz", gzip(padded))}) {
            String message = assertThrows(IdxFormatException.class, () -> Idx.readLabels(file)).getMessage();
            assertTrue(message.contains(file.toString()) && message.contains("3 bytes after"), message);
        }
        byte[] images = gunzip(sample("t10k-images-idx3-ubyte.gz"));
        Path file = copy("images.gz", gzip(Arrays.copyOf(images, images.length + 1)));
        String message = assertThrows(IdxFormatException.class, () -> Idx.readImages(file)).getMessage();
        assertTrue(message.contains("1 byte after"), message);
    }

    @Test
    void aHugeDeclaredCountInASmallFileIsRejectedBeforeAllocating() throws IOException {
        byte[] raw = gunzip(sample("t10k-labels-idx1-ubyte.gz"));
        ByteBuffer.wrap(raw).putInt(4, 2_000_000_000);
        for (Path file : new Path[] {copy("huge", raw), copy("huge.gz", gzip(raw))}) {
            String message = assertThrows(IdxFormatException.class, () -> Idx.readLabels(file)).getMessage();
            assertTrue(message.contains(file.toString()) && message.contains("2000000000 labels")
                    && message.contains(file.toString().endsWith(".gz") ? Files.size(file) + " compressed bytes"
                            : (Files.size(file) - 8) + " bytes after the header"), message);
        }
        byte[] images = gunzip(sample("t10k-images-idx3-ubyte.gz"));
        ByteBuffer.wrap(images).putInt(4, 60_000).putInt(8, 30_000).putInt(12, 30_000);
        Path file = copy("huge-images.gz", gzip(images));
        String message = assertThrows(IdxFormatException.class, () -> Idx.readImages(file)).getMessage();
        assertTrue(message.contains(file.toString()) && message.contains("60000 images of 30000x30000")
                && message.contains("compressed bytes"), message);
    }

    @Test
    void aTruncatedGzipFileSaysHowFarItGot() throws IOException {
        byte[] bytes = sample("t10k-images-idx3-ubyte.gz");
        Path file = copy("cut.gz", Arrays.copyOf(bytes, bytes.length / 2));
        String message = assertThrows(IdxFormatException.class, () -> Idx.readImages(file)).getMessage();
        assertTrue(message.contains(file.toString()) && message.contains("truncated"), message);
        assertTrue(!message.contains("only 0 bytes"), message);
    }

    @Test
    void fashionMnistImagesMustBe28By28NotJust784Pixels() throws IOException {
        for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(SAMPLE.resolve(name), dir.resolve(name));
        }
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        byte[] raw = gunzip(Files.readAllBytes(images));
        ByteBuffer.wrap(raw).putInt(8, 56).putInt(12, 14);
        Files.write(images, gzip(raw));
        String message = assertThrows(IdxFormatException.class, () -> FashionMnist.load(dir)).getMessage();
        assertTrue(message.contains("56x14") && message.contains("28x28"), message);
    }

    @Test
    void theTestSetLoadsWithoutTheTrainingFiles() throws IOException {
        for (String name : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(SAMPLE.resolve(name), dir.resolve(name));
        }
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[] {1, 2, 3});
        assertEquals(200, FashionMnist.loadTest(dir).size());
    }
}
