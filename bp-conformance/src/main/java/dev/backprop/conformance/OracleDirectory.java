package dev.backprop.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the PyTorch golden fixtures are: the system property {@value #PROPERTY}, or else
 * {@code ../shared/oracle} beside the project root (found by walking up from the working directory).
 */
public final class OracleDirectory {

    /** System property naming the fixture folder. */
    public static final String PROPERTY = "backprop.oracle.dir";

    private OracleDirectory() {
    }

    /** The fixture folder, if it exists. */
    public static Optional<Path> locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Paths.get(configured).toAbsolutePath().normalize();
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("oracle");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    /** What to tell the user when the folder is missing. */
    public static String missingMessage() {
        return "PyTorch golden fixtures not found (looked at system property " + PROPERTY + "="
                + System.getProperty(PROPERTY) + " and ../shared/oracle above the working directory); "
                + "set -D" + PROPERTY + "=DIR to run these checks";
    }

    /** Every {@code *.json} file in {@code dir}, sorted by name. */
    public static List<Path> fixtures(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot list fixture folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
