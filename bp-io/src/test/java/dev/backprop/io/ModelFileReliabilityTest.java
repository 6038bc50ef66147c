package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: model files keep what the model computes intact, and saving is durable and predictable. */
class ModelFileReliabilityTest {

    private static final Backend BACKEND = Backends.get("pure");
    private static final double[][] INPUT = {{0.5, -1, 2}};

    @TempDir
    Path dir;

    private static Sequential leaky() {
        return Sequential.builder().input(3).dense(4, Activation.leakyRelu(0.2)).dense(1).dtype(DType.FLOAT64)
                .seed(5).backend(BACKEND).build();
    }

    private Path saved(String name) throws IOException {
        Path file = dir.resolve(name);
        try (Sequential model = leaky()) {
            ModelFile.save(model, file, Map.of("note", "x"));
        }
        return file;
    }

    private static String header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    }

    /** Replaces the header, keeping the tensor bytes. */
    private static void rewrite(Path file, String header) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - (int) n).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(bytes, 8 + (int) n, bytes.length - 8 - (int) n);
        Files.write(file, out.array());
    }

    private static String sha256(byte[] bytes, int from) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(bytes, from, bytes.length - from);
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void editingAnActivationsParameterIsCaughtByTheChecksum() throws IOException {
        Path file = saved("leaky.bp");
        String header = header(file);
        assertTrue(header.contains("leaky_relu:0.2"), header);
        rewrite(file, header.replace("leaky_relu:0.2", "leaky_relu:0.9"));
        String message = assertThrows(ModelFormatException.class, () -> ModelFile.load(file, BACKEND)).getMessage();
        assertTrue(message.contains(file.toString()) && message.contains("SHA-256"), message);
    }

    @Test
    void swappingTheByteRangesOfTwoTensorsOfOneSizeIsCaught() throws IOException {
        Path file = saved("swap.bp");
        String header = header(file);
        assertTrue(header.contains("\"data_offsets\":[96,128]") && header.contains("\"data_offsets\":[128,160]"),
                header);
        rewrite(file, header.replace("[96,128]", "[A]").replace("[128,160]", "[96,128]").replace("[A]", "[128,160]"));
        String message = assertThrows(ModelFormatException.class, () -> ModelFile.load(file, BACKEND)).getMessage();
        assertTrue(message.contains("SHA-256"), message);
    }

    @Test
    void editingTheMetadataIsCaught() throws IOException {
        Path file = saved("note.bp");
        rewrite(file, header(file).replace("\"note\":\"x\"", "\"note\":\"y\""));
        assertThrows(ModelFormatException.class, () -> ModelFile.load(file, BACKEND));
    }

    /** A file as format version 1 wrote it: the checksum covers the tensor bytes only. */
    private Path versionOneFile(int hidden) throws Exception {
        try (Sequential model = leaky()) {
            double[] w1 = model.parameters().get(0).values();
            double[] b1 = model.parameters().get(1).values();
            double[] w2 = model.parameters().get(2).values();
            double[] b2 = model.parameters().get(3).values();
            ByteBuffer data = ByteBuffer.allocate(8 * (w1.length + b1.length + w2.length + b2.length))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (double[] values : List.of(w1, b1, w2, b2)) {
                for (double v : values) {
                    data.putDouble(v);
                }
            }
            String architecture = "{\\\"input\\\":3,\\\"dtype\\\":\\\"float64\\\",\\\"seed\\\":5,\\\"initializer\\\":null,"
                    + "\\\"layers\\\":[{\\\"type\\\":\\\"dense\\\",\\\"units\\\":" + hidden + "},{\\\"type\\\":"
                    + "\\\"activation\\\",\\\"activation\\\":\\\"leaky_relu:0.2\\\"},{\\\"type\\\":\\\"dense\\\","
                    + "\\\"units\\\":1}]}";
            int a = 8 * w1.length;
            int b = a + 8 * b1.length;
            int c = b + 8 * w2.length;
            int d = c + 8 * b2.length;
            String header = "{\"__metadata__\":{\"format\":\"backprop\",\"format_version\":\"1\",\"architecture\":\""
                    + architecture + "\",\"dtype\":\"float64\",\"sha256\":\"" + sha256(data.array(), 0) + "\"},"
                    + "\"" + name(model, 0) + "\":{\"dtype\":\"F64\",\"shape\":[3,4],\"data_offsets\":[0," + a + "]},"
                    + "\"" + name(model, 1) + "\":{\"dtype\":\"F64\",\"shape\":[1,4],\"data_offsets\":[" + a + "," + b + "]},"
                    + "\"" + name(model, 2) + "\":{\"dtype\":\"F64\",\"shape\":[4,1],\"data_offsets\":[" + b + "," + c + "]},"
                    + "\"" + name(model, 3) + "\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[" + c + "," + d + "]}}";
            byte[] json = header.getBytes(StandardCharsets.UTF_8);
            Path file = dir.resolve("v1-" + hidden + ".bp");
            Files.write(file, ByteBuffer.allocate(8 + json.length + d).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(json.length).put(json).put(data.array()).array());
            return file;
        }
    }

    private static String name(Sequential model, int parameter) {
        return model.parameters().get(parameter).name();
    }

    @Test
    void filesOfFormatVersionOneStillLoad() throws Exception {
        Path file = versionOneFile(4);
        try (Sequential model = leaky(); Sequential loaded = ModelFile.load(file, BACKEND).model()) {
            assertArrayEquals(model.predict(INPUT)[0], loaded.predict(INPUT)[0], 0.0);
        }
    }

    @Test
    void anArchitectureFarLargerThanTheFileIsRejectedBeforeAllocating() throws Exception {
        Path file = versionOneFile(2_000_000);
        String message = assertThrows(ModelFormatException.class, () -> ModelFile.load(file, BACKEND)).getMessage();
        assertTrue(message.contains(file.toString()) && message.contains("needs 10000001 parameter values")
                && message.contains("holds 21"), message);
    }

    @Test
    void aFolderOrADeviceAsModelIsNamedAndNeverReadWhole() throws IOException {
        String folder = assertThrows(IOException.class, () -> ModelFile.load(dir, BACKEND)).getMessage();
        assertTrue(folder.contains(dir.toString()) && folder.contains("folder"), folder);
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero));
        String device = assertThrows(ModelFormatException.class, () -> ModelFile.load(zero, BACKEND)).getMessage();
        assertTrue(device.contains("/dev/zero"), device);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aNewFileFollowsTheUmaskAndAReplacedFileKeepsItsMode() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain"));
        Path file = saved("new.bp");
        assertEquals(mode(plain), mode(file), "a new model file gets the mode the umask gives");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        try (Sequential model = leaky()) {
            ModelFile.save(model, file, Map.of());
        }
        assertEquals("rw-r-----", mode(file));
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
        Path real = saved("real.bp");
        Path link = Files.createSymbolicLink(dir.resolve("link.bp"), Path.of("real.bp"));
        try (Sequential model = leaky()) {
            ModelFile.save(model, link, Map.of("note", "through the link"));
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("through the link", ModelFile.readMetadata(real).get("note"));
    }

    @Test
    void aReadOnlyTargetIsRefusedAndKept() throws IOException {
        Path file = saved("ro.bp");
        byte[] before = Files.readAllBytes(file);
        assertTrue(file.toFile().setWritable(false));
        Assumptions.assumeFalse(Files.isWritable(file), "running as root");
        try (Sequential model = leaky()) {
            String message = assertThrows(IOException.class, () -> ModelFile.save(model, file, Map.of())).getMessage();
            assertTrue(message.contains(file.toString()) && message.contains("read-only"), message);
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void staleTemporaryFilesOfAKilledSaveAreRemovedAndOthersKept() throws IOException {
        Path dead = Files.writeString(dir.resolve(".m.bp.2147483647-0a1b2c3d.tmp"), "half a model");
        Path alive = Files.writeString(dir.resolve(".m.bp." + ProcessHandle.current().pid() + "-0a1b2c3d.tmp"), "x");
        Path foreign = Files.writeString(dir.resolve(".m.bp.notours.tmp"), "x");
        Path other = Files.writeString(dir.resolve(".n.bp.2147483647-0a1b2c3d.tmp"), "x");
        saved("m.bp");
        assertFalse(Files.exists(dead), "a stale temporary file of a process that is gone");
        assertTrue(Files.exists(alive) && Files.exists(foreign) && Files.exists(other));
    }

    @Test
    void errorsNameTheTargetNotTheTemporaryFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("target.bp"));
        try (Sequential model = leaky()) {
            for (Path file : new Path[] {folder, dir.resolve("missing/m.bp")}) {
                String message = assertThrows(IOException.class, () -> ModelFile.save(model, file, Map.of()))
                        .getMessage();
                assertTrue(message.contains(file.toString()) && !message.contains(".tmp"), message);
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).collect(Collectors.toList()));
        }
    }

    @Test
    void checkWritableFindsEveryProblemBeforeTraining() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.bp"));
        for (Path bad : new Path[] {dir.resolve("missing/m.bp"), folder}) {
            String message = assertThrows(IOException.class, () -> ModelFile.checkWritable(bad)).getMessage();
            assertTrue(message.contains(bad.toString()), message);
        }
        ModelFile.checkWritable(dir.resolve("fine.bp"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(folder), files.collect(Collectors.toList()), "the check leaves nothing behind");
        }
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        assertTrue(readOnly.toFile().setWritable(false));
        Assumptions.assumeFalse(Files.isWritable(readOnly), "running as root");
        String message = assertThrows(IOException.class, () -> ModelFile.checkWritable(readOnly.resolve("m.bp")))
                .getMessage();
        assertTrue(message.contains(readOnly.resolve("m.bp").toString()), message);
    }
}
