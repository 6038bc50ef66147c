package dev.backprop.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The committed test data folder ({@code testdata/} at the project root). */
public final class TestDataPath {

    private TestDataPath() {
    }

    /** {@code testdata/<name>}, from the system property the build sets or relative to the module. */
    public static Path of(String name) {
        String configured = System.getProperty("backprop.testdata.dir");
        Path dir = (configured != null ? Paths.get(configured) : Paths.get("..", "testdata")).resolve(name);
        if (!Files.exists(dir)) {
            throw new IllegalStateException("test data " + dir + " is missing; it is committed in testdata/");
        }
        return dir;
    }
}
