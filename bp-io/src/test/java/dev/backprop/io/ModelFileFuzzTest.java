package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.backend.Backends;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Model files (safetensors) on random and damaged bytes: loading returns a model or throws a
 * {@link ModelFormatException} naming the file; never another exception, an {@link OutOfMemoryError}
 * or a hang. Some damage is "resealed" (the checksum recomputed, as a deliberate edit would) so that
 * the checks behind the checksum are fuzzed too.
 */
class ModelFileFuzzTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Backend BACKEND = Backends.get("pure");
    private static Path dir;
    private static List<byte[]> originals;

    @BeforeContainer
    static void files() throws IOException {
        dir = Files.createTempDirectory("model-fuzz");
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
    Arbitrary<byte[]> modelFiles() {
        Arbitrary<byte[]> base = Arbitraries.of(originals).map(byte[]::clone);
        Arbitrary<byte[]> damaged = base.flatMap(b -> Arbitraries.oneOf(truncated(b), flipped(b), headerLength(b),
                jsonEdit(b, false), jsonEdit(b, true)));
        return Arbitraries.oneOf(base, damaged, damaged.flatMap(ModelFileFuzzTest::flipped),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2048));
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

    private static Arbitrary<byte[]> headerLength(byte[] bytes) {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, 1L, 7L, -1L, Long.MAX_VALUE, 1L << 40))
                .map(n -> {
                    byte[] copy = bytes.clone();
                    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
                    return copy;
                });
    }

    /** A number, name or type in the header replaced by another; {@code reseal} recomputes the checksum. */
    private static Arbitrary<byte[]> jsonEdit(byte[] bytes, boolean reseal) {
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        Arbitrary<String> replacement = Arbitraries.oneOf(Arbitraries.of("0", "-1", "2000000", "2147483648", "1e9",
                "null", "\"x\"", "[]", "{}", "F16", "BF16", "[1,2,3,4,5]", "dense", "dropout", "activation",
                "softmax", "leaky_relu:7", "float32", "float64"), Arbitraries.integers().map(String::valueOf));
        Arbitrary<String> target = Arbitraries.of("4", "2", "3", "F32", "F64", "dense", "units", "dropout", "0.1",
                "[4,2]", "[1,2]", "softmax", "data_offsets", "shape", "dtype", "float32", "float64", "input");
        return Combinators.combine(target, replacement).as((from, to) -> {
            String edited = header.replaceFirst(java.util.regex.Pattern.quote(from),
                    java.util.regex.Matcher.quoteReplacement(to));
            byte[] json = edited.getBytes(StandardCharsets.UTF_8);
            byte[] out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - (int) n)
                    .order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json)
                    .put(bytes, 8 + (int) n, bytes.length - 8 - (int) n).array();
            return reseal ? resealed(out) : out;
        });
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

    @Property
    void modelFilesLoadOrAreRejectedNamingTheFile(@ForAll("modelFiles") byte[] bytes) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "fuzz", ".bp"), bytes);
        try {
            ModelFile.Saved saved = assertTimeoutPreemptively(LIMIT, () -> ModelFile.load(file, BACKEND));
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
    }
}
