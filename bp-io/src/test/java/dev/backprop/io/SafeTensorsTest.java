package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.spi.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors format on its own: any rank from 1 to 4, both types, and what it refuses. */
class SafeTensorsTest {

    @TempDir
    Path dir;

    private static double[] ramp(int n) {
        return IntStream.range(0, n).mapToDouble(i -> i * 0.5 - 3).toArray();
    }

    private static final List<SafeTensors.Entry> ENTRIES = List.of(
            new SafeTensors.Entry("conv.W", DType.FLOAT32, new int[] {2, 3, 4, 5}, ramp(120)),
            new SafeTensors.Entry("bias", DType.FLOAT64, new int[] {7}, ramp(7)),
            new SafeTensors.Entry("cube", DType.FLOAT64, new int[] {2, 1, 3}, ramp(6)),
            new SafeTensors.Entry("matrix", DType.FLOAT32, new int[] {3, 2}, ramp(6)));

    private Path written() throws IOException {
        Path file = dir.resolve("t.safetensors");
        SafeTensors.encode(ENTRIES).write(file, Map.of("note", "any file"));
        return file;
    }

    @Test
    void everyRankFromOneToFourReadsBackWithItsShapeTypeAndValues() throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(written());
        assertEquals(Map.of("note", "any file"), contents.metadata());
        for (SafeTensors.Entry e : ENTRIES) {
            SafeTensors.TensorInfo t = contents.tensor(e.name()).orElseThrow();
            assertArrayEquals(e.shape(), t.shape(), e.name());
            assertEquals(e.dtype(), t.dtype(), e.name());
            assertArrayEquals(e.values(), contents.values(t), 0.0, e.name());
        }
    }

    @Test
    void pythonsStandardLibraryReadsARankFourTensorWithItsShape() throws Exception {
        Path file = written();
        Path script = dir.resolve("read_safetensors.py");
        Files.copy(SafeTensorsTest.class.getResourceAsStream("/read_safetensors.py"), script);
        Process python;
        try {
            python = new ProcessBuilder("python3", script.toString(), file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), out);
        List<String> lines = out.lines().collect(Collectors.toList());
        for (SafeTensors.Entry e : ENTRIES) {
            String line = lines.stream().filter(l -> l.startsWith(e.name() + " ")).findFirst().orElseThrow();
            String[] fields = line.split(" ");
            assertEquals(Arrays.stream(e.shape()).mapToObj(String::valueOf).collect(Collectors.joining("x")),
                    fields[1], line);
            assertArrayEquals(e.values(), Arrays.stream(fields, 2, fields.length).mapToDouble(Double::parseDouble)
                    .toArray(), 0.0, line);
        }
    }

    @Test
    void ranksOutsideOneToFourAreRefusedOnBothSides() throws IOException {
        assertThrows(IllegalArgumentException.class,
                () -> new SafeTensors.Entry("r5", DType.FLOAT32, new int[] {1, 1, 1, 1, 1}, new double[1]));
        assertThrows(IllegalArgumentException.class,
                () -> new SafeTensors.Entry("r0", DType.FLOAT32, new int[0], new double[1]));
        Path file = written();
        String header = header(file).replace("[2,3,4,5]", "[2,3,4,5,1]");
        Path rank5 = withHeader(file, header);
        String message = assertThrows(ModelFormatException.class, () -> SafeTensors.read(rank5)).getMessage();
        assertTrue(message.contains(rank5.toString()) && message.contains("ranks 1 to 4"), message);
    }

    @Test
    void otherTypesTrailingBytesAndHugeLengthsAreRefusedNamingTheFile() throws IOException {
        Path file = written();
        Path bf16 = withHeader(file, header(file).replace("\"F64\"", "\"BF16\""));
        assertTrue(message(bf16).contains("'BF16'"), message(bf16));
        Path padded = dir.resolve("padded");
        Files.write(padded, Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) + 5));
        assertTrue(message(padded).contains("5 bytes after the last tensor"), message(padded));
        Path huge = dir.resolve("huge");
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE / 2);
        Files.write(huge, bytes);
        assertTrue(message(huge).contains("header length"), message(huge));
        Path overflow = withHeader(file, header(file).replace("[2,3,4,5]", "[2147483647,2147483647,2147483647,9]"));
        assertTrue(message(overflow).contains("data_offsets"), message(overflow));
    }

    private static String message(Path file) {
        String message = assertThrows(ModelFormatException.class, () -> SafeTensors.read(file)).getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        return message;
    }

    private static String header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    }

    private Path withHeader(Path file, String header) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path out = dir.resolve("edited-" + Integer.toHexString(header.hashCode()));
        Files.write(out, ByteBuffer.allocate(8 + json.length + bytes.length - 8 - (int) n)
                .order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json)
                .put(bytes, 8 + (int) n, bytes.length - 8 - (int) n).array());
        return out;
    }
}
