package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.testing.Fuzz;
import dev.backprop.testing.Fuzz.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV reader on random and damaged files: it returns a data set or throws its own exceptions
 * (an {@link IllegalArgumentException} for malformed content, an {@link IOException} for unreadable
 * bytes), each naming the file; never another exception, an {@link OutOfMemoryError} or a hang.
 */
class CsvFuzzTest {

    private static final String VALID = "x1,x2,\"note, quoted\",label\n0.5,1e3,2,cat\n-1,0,3,dog\n\n7,8,9,cat\n";
    private static final String CHARACTERS = ",\"\n\r 0123456789.-eE+abNnIifty\u00e4";

    @TempDir
    static Path dir;

    private record Input(byte[] bytes, boolean classification) {
    }

    private static String characters(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(201); n > 0; n--) {
            s.append(CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
        }
        return s.toString();
    }

    private static Sample<Input> csvFile(SplittableRandom random) {
        Sample<byte[]> bytes = switch (random.nextInt(3)) {
            case 0 -> {
                String text = characters(random);
                yield new Sample<>(text.getBytes(StandardCharsets.UTF_8), "random text " + quoted(text));
            }
            case 1 -> {
                int at = random.nextInt(VALID.length() + 1);
                String insert = characters(random);
                String edited = VALID.substring(0, at) + insert
                        + VALID.substring(Math.min(VALID.length(), at + insert.length() / 2));
                yield new Sample<>(edited.getBytes(StandardCharsets.UTF_8), "the valid file with " + quoted(insert)
                        + " written at char " + at);
            }
            default -> Mutations.of(random, List.of(VALID.getBytes(StandardCharsets.UTF_8)), 0);
        };
        boolean classification = random.nextBoolean();
        return bytes.then("classification " + classification, new Input(bytes.value(), classification));
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }

    @Test
    void csvIsReadOrRejectedNamingTheFile() {
        Fuzz.check(CsvFuzzTest::csvFile, input -> {
            Path file = Files.write(Files.createTempFile(dir, "fuzz", ".csv"), input.bytes());
            String target = input.classification() ? "label" : "x2";
            try {
                Csv csv = Csv.load(file, target, input.classification());
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
        });
    }
}
