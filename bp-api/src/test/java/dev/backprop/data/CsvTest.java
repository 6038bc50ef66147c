package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsAClassification() throws IOException {
        Csv csv = Csv.load(write("sepal,petal,\"kind, of\"\n1.5,2,setosa\n\n3,4.25,virginica\n5,6,setosa\n"),
                "kind, of", true);
        assertEquals(List.of("sepal", "petal"), csv.featureNames());
        assertEquals(List.of("setosa", "virginica"), csv.classNames());
        assertEquals(3, csv.dataset().size());
        assertArrayEquals(new double[] {3, 4.25}, csv.dataset().features(1));
        assertArrayEquals(new int[] {0, 1, 0}, csv.dataset().labels());
    }

    @Test
    void readsARegression() throws IOException {
        Csv csv = Csv.load(write("y,x\n1,2\n3,4\n"), "y", false);
        assertArrayEquals(new double[] {3}, csv.dataset().targets(1));
        assertArrayEquals(new double[] {4}, csv.dataset().features(1));
    }

    private String error(String text, String target, boolean classification) {
        return assertThrows(IllegalArgumentException.class, () -> Csv.load(write(text), target, classification))
                .getMessage();
    }

    @Test
    void namesTheLineAndColumnOfBadInput() {
        assertTrue(error("a,b\n1,x\n", "b", false).contains("data.csv:2: column 'b' holds 'x'"));
        assertTrue(error("a,b\n1,2\n3\n", "b", false).contains("data.csv:3: 1 fields, the header has 2"));
        assertTrue(error("a,b\n1,NaN\n", "a", false).contains("not a finite number"));
        assertTrue(error("a,b\n1,2\n", "c", false).contains("no column named 'c'"));
        assertTrue(error("a,b\n", "a", false).contains("at least one sample"));
        assertTrue(error("a,b\n1,x\n2,x\n", "b", true).contains("single class"));
        assertTrue(error("a,b\n\"1,2\n", "b", true).contains("unterminated"));
        assertThrows(IOException.class, () -> Csv.load(dir.resolve("missing.csv"), "a", false));
    }
}
