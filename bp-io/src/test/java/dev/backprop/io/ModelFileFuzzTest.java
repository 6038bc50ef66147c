package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.backend.Backends;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.testing.Fuzz;
import dev.backprop.testing.Fuzz.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files (safetensors) on random and damaged bytes: loading returns a model or throws a
 * {@link ModelFormatException} naming the file; never another exception, an {@link OutOfMemoryError}
 * or a hang. Some damage is "resealed" (the checksum recomputed, as a deliberate edit would) so that
 * the checks behind the checksum are fuzzed too.
 */
class ModelFileFuzzTest {

    private static final Backend BACKEND = Backends.get("pure");
    @TempDir
    static Path dir;
    private static List<byte[]> originals;

    @BeforeAll
    static void files() throws IOException {
        originals = List.of(saved(DType.FLOAT32), saved(DType.FLOAT64));
    }

    private static byte[] saved(DType dtype) throws IOException {
        Path file = dir.resolve("original-" + dtype.id() + ".bp");
        try (Sequential model = Sequential.builder().input(3).dense(4, Activation.leakyRelu(0.2)).dropout(0.1)
                .dense(2, Activation.softmax()).dtype(dtype).seed(1).backend(BACKEND).build()) {
            ModelFile.save(model, file, Map.of("loss", "softmax_cross_entropy"));
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    private static Sample<byte[]> modelFile(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> Fuzz.original(random, originals);
            case 1 -> damaged(random);
            case 2 -> Fuzz.flipped(random, damaged(random));
            default -> Fuzz.noise(random, 2048);
        };
    }

    private static Sample<byte[]> damaged(SplittableRandom random) {
        Sample<byte[]> base = Fuzz.original(random, originals);
        return switch (random.nextInt(5)) {
            case 0 -> Fuzz.truncated(random, base);
            case 1 -> Fuzz.flipped(random, base);
            case 2 -> headerLength(random, base);
            case 3 -> jsonEdit(random, base, false);
            default -> jsonEdit(random, base, true);
        };
    }

    private static Sample<byte[]> headerLength(SplittableRandom random, Sample<byte[]> sample) {
        long n = Fuzz.anyLong(random, 0L, 1L, 7L, -1L, Long.MAX_VALUE, 1L << 40);
        byte[] copy = sample.value().clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
        return sample.then("header length set to " + n, copy);
    }

    /** A number, name or type in the header replaced by another; {@code reseal} recomputes the checksum. */
    private static Sample<byte[]> jsonEdit(SplittableRandom random, Sample<byte[]> sample, boolean reseal) {
        byte[] bytes = sample.value();
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String from = Fuzz.pick(random, List.of("4", "2", "3", "F32", "F64", "dense", "units", "dropout", "0.1",
                "[4,2]", "[1,2]", "softmax", "data_offsets", "shape", "dtype", "float32", "float64", "input"));
        String to = random.nextBoolean() ? String.valueOf(random.nextInt()) : Fuzz.pick(random, List.of("0", "-1",
                "2000000", "2147483648", "1e9", "null", "\"x\"", "[]", "{}", "F16", "BF16", "[1,2,3,4,5]", "dense",
                "dropout", "activation", "softmax", "leaky_relu:7", "float32", "float64"));
        String edited = header.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
        byte[] json = edited.getBytes(StandardCharsets.UTF_8);
        byte[] out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - (int) n)
                .order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json)
                .put(bytes, 8 + (int) n, bytes.length - 8 - (int) n).array();
        return sample.then("first " + from + " in the header replaced by " + to + (reseal ? ", resealed" : ""),
                reseal ? resealed(out) : out);
    }

    private static byte[] resealed(byte[] bytes) {
        try {
            Path file = Files.write(Files.createTempFile(dir, "reseal", ".bp"), bytes);
            try {
                SafeTensors.Contents contents = SafeTensors.read(file);
                Map<String, String> meta = new LinkedHashMap<>(contents.metadata());
                meta.put(Integrity.KEY, Integrity.covering(meta, contents.tensors(), contents.data()));
                new SafeTensors.Encoded(contents.tensors(), contents.data()).write(file, meta);
                return Files.readAllBytes(file);
            } catch (ModelFormatException e) {
                return bytes;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void modelFilesLoadOrAreRejectedNamingTheFile() {
        Fuzz.check(ModelFileFuzzTest::modelFile, bytes -> {
            Path file = Files.write(Files.createTempFile(dir, "fuzz", ".bp"), bytes);
            try {
                ModelFile.Saved saved = ModelFile.load(file, BACKEND);
                try (Sequential model = saved.model()) {
                    assertTrue(model.predict(new double[][] {{1, 2, 3}})[0].length >= 1);
                }
            } catch (Throwable e) {
                if (!(e instanceof ModelFormatException) || e instanceof NoSuchFileException) {
                    fail("not a ModelFormatException for " + file, e);
                }
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            } finally {
                Files.delete(file);
            }
        });
    }
}
