package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The CSV reader on random and damaged files: it returns a data set or throws its own exceptions
 * (an {@link IllegalArgumentException} for malformed content, an {@link IOException} for unreadable
 * bytes), each naming the file; never another exception, an {@link OutOfMemoryError} or a hang.
 */
class CsvFuzzTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String VALID = "x1,x2,\"note, quoted\",label\n0.5,1e3,2,cat\n-1,0,3,dog\n\n7,8,9,cat\n";
    private static Path dir;

    @BeforeContainer
    static void folder() throws IOException {
        dir = Files.createTempDirectory("csv-fuzz");
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
    Arbitrary<byte[]> csvFiles() {
        Arbitrary<String> characters = Arbitraries.strings().withChars(",\"\n\r 0123456789.-eE+abNnIifty\u00e4")
                .ofMaxLength(200);
        Arbitrary<byte[]> text = characters.map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> edited = Arbitraries.integers().between(0, VALID.length()).flatMap(at -> characters
                .map(insert -> (VALID.substring(0, at) + insert + VALID.substring(Math.min(VALID.length(),
                        at + insert.length() / 2))).getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(text, edited, Mutations.of(List.of(VALID.getBytes(StandardCharsets.UTF_8)), 0));
    }

    @Property
    void csvIsReadOrRejectedNamingTheFile(@ForAll("csvFiles") byte[] bytes, @ForAll boolean classification)
            throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "fuzz", ".csv"), bytes);
        String target = classification ? "label" : "x2";
        try {
            Csv csv = assertTimeoutPreemptively(LIMIT, () -> Csv.load(file, target, classification));
            assertTrue(csv.dataset().size() >= 1);
            assertEquals(csv.featureNames().size(), csv.dataset().featureCount());
        } catch (Throwable e) {
            if (!(e instanceof IllegalArgumentException || e instanceof IOException)) {
                fail("not the reader's exception for " + file, e);
            }
            assertTrue(e.getMessage() != null && e.getMessage().contains(file.toString()), e.getMessage());
        } finally {
            Files.delete(file);
        }
    }
}
