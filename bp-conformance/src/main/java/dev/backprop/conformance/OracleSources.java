package dev.backprop.conformance;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the PyTorch golden fixtures come from: the ones bundled in the kit jar (resources under
 * {@value #BUNDLED}, listed in {@value #INDEX}), always; plus every folder the system property
 * {@value #PROPERTY} names (several separated by {@code ,} or the platform's path separator). A named
 * folder that is missing or holds no {@code *.json} file is an error, never a skip.
 */
public final class OracleSources {

    /** System property naming extra fixture folders. */
    public static final String PROPERTY = "backprop.oracle.dir";

    /** Class-path folder of the bundled fixtures. */
    public static final String BUNDLED = "dev/backprop/conformance/oracle/";

    /** The bundled fixtures' file names, one a line (a jar's folders cannot be listed). */
    public static final String INDEX = BUNDLED + "fixtures.txt";

    /**
     * One fixture's JSON text.
     *
     * @param label where it comes from: {@code bundled/<file>} or the file's path
     * @param json its bytes
     */
    public record FixtureFile(String label, byte[] json) {

        /** Parses it. */
        public OracleFixture read() {
            return OracleFixture.parse(label, json);
        }
    }

    private OracleSources() {
    }

    /**
     * The fixtures bundled with the kit, in index order.
     *
     * @throws IllegalStateException if the index or a fixture it lists is missing from the class path
     */
    public static List<FixtureFile> bundled() {
        ClassLoader loader = OracleSources.class.getClassLoader();
        String index = new String(resource(loader, INDEX), StandardCharsets.UTF_8);
        List<FixtureFile> files = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty()) {
                files.add(new FixtureFile("bundled/" + name, resource(loader, BUNDLED + name)));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException(INDEX + " lists no fixtures");
        }
        return files;
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the kit jar lacks " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + " from the kit jar: " + e.getMessage(), e);
        }
    }

    /** The folders {@value #PROPERTY} names, in order; none when it is unset or blank. */
    public static List<Path> addedFolders() {
        return addedFolders(System.getProperty(PROPERTY));
    }

    /** The folders {@code value} names (separated by {@code ,} or the path separator). */
    static List<Path> addedFolders(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("[," + File.pathSeparator + "]")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(s -> Paths.get(s).toAbsolutePath().normalize())
                .collect(Collectors.toList());
    }

    /**
     * Every {@code *.json} file in {@code dir}, sorted by name.
     *
     * @throws IllegalArgumentException if {@code dir} is missing, not a folder or holds no fixture
     */
    public static List<FixtureFile> folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("fixture folder " + dir + " named by -D" + PROPERTY + " "
                    + (Files.exists(dir) ? "is not a folder" : "does not exist"));
        }
        List<Path> paths;
        try (Stream<Path> files = Files.list(dir)) {
            paths = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list fixture folder " + dir + ": " + e.getMessage(), e);
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("fixture folder " + dir + " named by -D" + PROPERTY
                    + " holds no *.json fixture");
        }
        List<FixtureFile> fixtures = new ArrayList<>();
        for (Path path : paths) {
            try {
                fixtures.add(new FixtureFile(path.toString(), Files.readAllBytes(path)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read fixture " + path + ": " + e.getMessage(), e);
            }
        }
        return fixtures;
    }
}
