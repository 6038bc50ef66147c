package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Window2d;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelFileTest {

    private static final Backend BACKEND = Backends.get("pure");

    @TempDir
    Path dir;

    private static Sequential model(DType dtype) {
        return Sequential.builder().input(6).dense(8, Activation.relu()).dropout(0.25).dense(5, Activation.tanh())
                .dense(3, Activation.softmax()).dtype(dtype).seed(11).backend(BACKEND).build();
    }

    private static final double[][] INPUTS = {{1, 2, 3, 4, 5, 6}, {-1, 0.5, 0, 2, -3, 1}};

    private Path saved(DType dtype) throws IOException {
        Path file = dir.resolve("model.bp");
        try (Sequential model = model(dtype)) {
            ModelFile.save(model, file, Map.of("epochs", "3", "note", "täst"));
        }
        return file;
    }

    @ParameterizedTest(name = "{0} round trip: same parameters, predictions and metadata")
    @EnumSource(DType.class)
    void roundTrip(DType dtype) throws IOException {
        Path file = dir.resolve("model.bp");
        try (Sequential model = model(dtype)) {
            ModelFile.save(model, file, Map.of("epochs", "3", "note", "täst"));
            ModelFile.Saved loaded = ModelFile.load(file, BACKEND);
            try (Sequential copy = loaded.model()) {
                assertEquals(model.spec(), copy.spec());
                for (int i = 0; i < model.parameters().size(); i++) {
                    assertArrayEquals(model.parameters().get(i).values(), copy.parameters().get(i).values(), 0.0);
                }
                double[][] expected = model.predict(INPUTS);
                double[][] actual = copy.predict(INPUTS);
                for (int r = 0; r < expected.length; r++) {
                    assertArrayEquals(expected[r], actual[r], 0.0);
                }
            }
            assertEquals("3", loaded.metadata().get("epochs"));
            assertEquals("täst", loaded.metadata().get("note"));
            assertEquals(dtype.id(), loaded.metadata().get("dtype"));
        }
    }

    /**
     * Convolution weights are rank-4 tensors {@code [out, in, kh, kw]} and biases {@code [out]}, as
     * PyTorch's {@code Conv2d.weight} and {@code .bias}, read back by the independent Python reader; the
     * loaded model predicts what the saved one did.
     */
    @Test
    void aConvolutionalModelIsSavedInPyTorchsLayout() throws Exception {
        Path file = dir.resolve("cnn.bp");
        double[][] images = new double[3][2 * 6 * 6];
        for (int r = 0; r < images.length; r++) {
            for (int i = 0; i < images[r].length; i++) {
                images[r][i] = Math.sin(r * 7 + i * 0.3);
            }
        }
        try (Sequential model = Sequential.builder().input(2, 6, 6).conv2d(4, 3, 1, Activation.relu()).maxPool2d(2)
                .conv2d(5, new Window2d(2, 3, 1, 1, 0, 1)).globalAveragePool2d().dense(3).dtype(DType.FLOAT32)
                .seed(5).backend(BACKEND).build()) {
            ModelFile.save(model, file, Map.of());
            try (Sequential copy = ModelFile.load(file, BACKEND).model()) {
                double[][] expected = model.predict(images);
                double[][] actual = copy.predict(images);
                for (int r = 0; r < expected.length; r++) {
                    assertArrayEquals(expected[r], actual[r], 0.0);
                }
            }
        }
        Map<String, String> shapes = readWithPython(file).stream().skip(1).map(l -> l.split(" "))
                .collect(Collectors.toMap(f -> f[0], f -> f[1]));
        assertEquals(Map.of("conv2d_1.W", "4x2x3x3", "conv2d_1.b", "4", "conv2d_2.W", "5x4x2x3", "conv2d_2.b", "5",
                "dense_1.W", "5x3", "dense_1.b", "1x3"), shapes);
    }

    @Test
    void loadsAsAnotherDataType() throws IOException {
        Path file = saved(DType.FLOAT64);
        try (Sequential copy = ModelFile.load(file, BACKEND, DType.FLOAT32).model()) {
            assertEquals(DType.FLOAT32, copy.dtype());
        }
    }

    @Test
    void pythonsStandardLibraryReadsTheFileAsSafetensors() throws Exception {
        Path file = saved(DType.FLOAT32);
        List<String> lines = readWithPython(file);
        assertEquals("format backprop 2 float32", lines.get(0));
        try (Sequential model = ModelFile.load(file, BACKEND).model()) {
            for (Parameter p : model.parameters()) {
                String line = lines.stream().filter(l -> l.startsWith(p.name() + " ")).findFirst().orElseThrow();
                String[] fields = line.split(" ");
                assertEquals(p.rows() + "x" + p.cols(), fields[1], line);
                double[] values = Arrays.stream(fields, 2, fields.length).mapToDouble(Double::parseDouble).toArray();
                assertArrayEquals(p.values(), values, 0.0, p.name());
            }
        }
    }

    /** The lines {@code read_safetensors.py} prints for {@code file}; aborts the test when python3 is missing. */
    private List<String> readWithPython(Path file) throws Exception {
        Path script = dir.resolve("read_safetensors.py");
        Files.copy(ModelFileTest.class.getResourceAsStream("/read_safetensors.py"), script,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Process python;
        try {
            python = new ProcessBuilder("python3", script.toString(), file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            throw e;
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), out);
        return out.lines().collect(Collectors.toList());
    }

    private static ModelFormatException rejected(Path file) {
        return assertThrows(ModelFormatException.class, () -> ModelFile.load(file, BACKEND));
    }

    @Test
    void truncatedFilesAreRejected() throws IOException {
        byte[] whole = Files.readAllBytes(saved(DType.FLOAT32));
        for (int length : new int[] {0, 5, 8, 40, whole.length / 2, whole.length - 1}) {
            Path cut = dir.resolve("cut-" + length + ".bp");
            Files.write(cut, Arrays.copyOf(whole, length));
            ModelFormatException e = rejected(cut);
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not valid JSON")
                    || e.getMessage().contains("not a safetensors"), length + ": " + e.getMessage());
        }
    }

    @Test
    void aFlippedByteInTheWeightsIsRejected() throws IOException {
        Path file = saved(DType.FLOAT64);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(file, bytes);
        assertTrue(rejected(file).getMessage().contains("SHA-256"));
    }

    @Test
    void aCorruptedHeaderIsRejected() throws IOException {
        Path file = saved(DType.FLOAT32);
        byte[] bytes = Files.readAllBytes(file);
        bytes[8] = '#';
        Files.write(file, bytes);
        assertTrue(rejected(file).getMessage().contains("not valid JSON"));
    }

    private void rewriteHeader(Path file, String from, String to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).replace(from, to);
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - (int) n)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(bytes, 8 + (int) n, bytes.length - 8 - (int) n);
        Files.write(file, out.array());
    }

    /** Recomputes the checksum after an edit, as a deliberate (not accidental) change would. */
    private static void reseal(Path file) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(contents.metadata());
        meta.put("sha256", Integrity.covering(meta, contents.tensors(), contents.data()));
        new SafeTensors.Encoded(contents.tensors(), contents.data()).write(file, meta);
    }

    @Test
    void anotherFormatVersionIsRejectedWithBothVersions() throws IOException {
        Path file = saved(DType.FLOAT32);
        rewriteHeader(file, "\"format_version\":\"2\"", "\"format_version\":\"3\"");
        ModelFormatException e = rejected(file);
        assertTrue(e.getMessage().contains("version 3") && e.getMessage().contains("reads version 1 and 2"),
                e.getMessage());
    }

    @Test
    void aMissingFormatVersionIsRejectedNamingTheFile() throws IOException {
        // Found by ModelFileFuzzTest: a bit flipped in the key's name made the version null (a NullPointerException).
        Path file = saved(DType.FLOAT32);
        rewriteHeader(file, "\"format_version\"", "\"format_versioo\"");
        ModelFormatException e = rejected(file);
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("no 'format_version'"),
                e.getMessage());
    }

    @Test
    void aSafetensorsFileThatIsNoModelIsRejected() throws IOException {
        Path file = saved(DType.FLOAT32);
        rewriteHeader(file, "\"format\":\"backprop\"", "\"format\":\"pt\"");
        assertTrue(rejected(file).getMessage().contains("not a backprop model"));
        Path random = dir.resolve("random.bin");
        Files.write(random, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertTrue(rejected(random).getMessage().contains("not a safetensors model file"));
    }

    @Test
    void aShapeThatDisagreesWithTheArchitectureIsRejected() throws IOException {
        Path file = saved(DType.FLOAT32);
        rewriteHeader(file, "{\\\"type\\\":\\\"dense\\\",\\\"units\\\":8}", "{\\\"type\\\":\\\"dense\\\",\\\"units\\\":7}");
        ModelFormatException e = rejected(file);
        assertTrue(e.getMessage().contains("SHA-256"), "the checksum covers the architecture: " + e.getMessage());
        reseal(file);
        e = rejected(file);
        assertTrue(e.getMessage().contains("dense_1.W") && e.getMessage().contains("[6, 7]"), e.getMessage());
    }

    @Test
    void aMissingFileSaysSo() {
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(dir.resolve("nope.bp"), BACKEND));
        assertTrue(e.getMessage().contains("nope.bp"), e.getMessage());
    }

    @Test
    void savingReplacesAtomicallyAndAFailedSaveLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = saved(DType.FLOAT32);
        byte[] before = Files.readAllBytes(file);
        try (Sequential other = model(DType.FLOAT64)) {
            assertThrows(IOException.class, () -> ModelFile.save(other, dir.resolve("missing/model.bp"), Map.of()));
            Path directoryInTheWay = dir.resolve("dir.bp");
            Files.createDirectory(directoryInTheWay);
            Files.writeString(directoryInTheWay.resolve("keep"), "x");
            assertThrows(IOException.class, () -> ModelFile.save(other, directoryInTheWay, Map.of()));
            ModelFile.save(other, file, Map.of());
        }
        assertEquals("float64", ModelFile.readMetadata(file).get("dtype"));
        assertTrue(before.length != Files.size(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp"))
                    .collect(Collectors.toList()), "temporary files left behind");
        }
    }

    @Test
    void reservedMetadataKeysAreRejected() {
        try (Sequential model = model(DType.FLOAT32)) {
            assertThrows(IllegalArgumentException.class,
                    () -> ModelFile.save(model, dir.resolve("m.bp"), Map.of("sha256", "x")));
        }
    }
}
