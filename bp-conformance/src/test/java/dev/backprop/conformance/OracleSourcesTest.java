package dev.backprop.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import dev.backprop.conformance.reference.ReferenceBackend;
import dev.backprop.spi.BackendProvider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The golden fixtures travel in the kit jar, and a named fixture folder that is missing or empty fails. */
class OracleSourcesTest {

    @TempDir
    Path dir;

    /** The kit on its reference backend, run here with the property set. */
    static final class ReferenceKit extends BackendConformance {
        @Override
        protected BackendProvider provider() {
            return ReferenceBackend.provider();
        }
    }

    private static Path bundledFolder() throws URISyntaxException {
        return Paths.get(OracleSources.class.getClassLoader().getResource(OracleSources.INDEX).toURI()).getParent();
    }

    private static List<String> jsonNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void theIndexListsEveryBundledFixtureWithItsNotice() throws Exception {
        List<String> indexed = OracleSources.bundled().stream()
                .map(f -> f.label().substring("bundled/".length())).sorted().collect(Collectors.toList());
        List<String> present = new java.util.ArrayList<>(jsonNames(bundledFolder()));
        jsonNames(bundledFolder().resolve("conv")).forEach(name -> present.add("conv/" + name));
        assertEquals(present.stream().sorted().collect(Collectors.toList()), indexed);
        assertTrue(Files.isRegularFile(bundledFolder().resolve("README.md")));
        assertTrue(Files.isRegularFile(bundledFolder().resolve("conv/README.md")));
        assertTrue(Files.readString(bundledFolder().resolve("LICENSE")).contains("MIT License"));
        for (OracleSources.FixtureFile file : OracleSources.bundled()) {
            file.read();
        }
    }

    /** The bundled copies equal the shared originals (dense and convolutional), where a checkout has them beside it. */
    @Test
    void theBundledFixturesAreTheSharedOnes() throws Exception {
        Optional<Path> shared = Optional.empty();
        for (Path d = Paths.get("").toAbsolutePath(); d != null && shared.isEmpty(); d = d.getParent()) {
            Path candidate = d.resolveSibling("shared");
            shared = Files.isDirectory(candidate.resolve("oracle")) ? Optional.of(candidate) : Optional.empty();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(shared.isPresent(), "no ../shared/oracle beside this checkout");
        sameFixtures(shared.get().resolve("oracle"), bundledFolder());
        if (Files.isDirectory(shared.get().resolve("oracle-conv"))) {
            sameFixtures(shared.get().resolve("oracle-conv"), bundledFolder().resolve("conv"));
        }
    }

    private static void sameFixtures(Path shared, Path bundled) throws IOException {
        assertEquals(jsonNames(shared), jsonNames(bundled), "copy new fixtures of " + shared + " into " + bundled
                + " (src/main/resources/" + OracleSources.BUNDLED + ") and list them in fixtures.txt");
        for (String name : jsonNames(shared)) {
            assertArrayEquals(Files.readAllBytes(shared.resolve(name)), Files.readAllBytes(bundled.resolve(name)),
                    name + " differs from " + shared);
        }
    }

    @Test
    void thePropertyNamesFoldersSeparatedByCommaOrPathSeparator() {
        assertEquals(List.of(), OracleSources.addedFolders(null));
        assertEquals(List.of(), OracleSources.addedFolders("  "));
        List<Path> folders = OracleSources.addedFolders("a, b" + java.io.File.pathSeparator + "c");
        assertEquals(List.of("a", "b", "c"), folders.stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toList()));
        assertTrue(folders.get(0).isAbsolute());
    }

    @Test
    void aMissingOrEmptyFolderIsAnError() throws IOException {
        String missing = assertThrows(IllegalArgumentException.class,
                () -> OracleSources.folder(dir.resolve("nope"))).getMessage();
        assertTrue(missing.contains("does not exist") && missing.contains(OracleSources.PROPERTY), missing);
        Files.writeString(dir.resolve("notes.txt"), "not a fixture");
        String empty = assertThrows(IllegalArgumentException.class, () -> OracleSources.folder(dir)).getMessage();
        assertTrue(empty.contains("holds no *.json"), empty);
        Files.write(dir.resolve("x.json"), OracleSources.bundled().get(0).json());
        assertEquals(1, OracleSources.folder(dir).size());
    }

    private static Events oracleGroupWith(String property) {
        String before = System.getProperty(OracleSources.PROPERTY);
        System.setProperty(OracleSources.PROPERTY, property);
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectNestedClass(List.of(ReferenceKit.class),
                            BackendConformance.Oracle.class))
                    .execute().testEvents();
        } finally {
            if (before == null) {
                System.clearProperty(OracleSources.PROPERTY);
            } else {
                System.setProperty(OracleSources.PROPERTY, before);
            }
        }
    }

    @Test
    void theKitRunsTheBundledFixturesAndFailsOnAMissingNamedFolder() throws IOException {
        Events none = oracleGroupWith("");
        assertEquals(0, none.failed().count());
        assertEquals(OracleSources.bundled().size() * 5L, none.succeeded().count());

        Events missing = oracleGroupWith(dir.resolve("missing").toString());
        assertEquals(1, missing.failed().count(), "a missing named folder is one failing test");
        assertEquals(OracleSources.bundled().size() * 5L, missing.succeeded().count());

        Files.createDirectories(dir.resolve("empty"));
        assertEquals(1, oracleGroupWith(dir.resolve("empty").toString()).failed().count(),
                "an empty named folder is one failing test");

        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.write(extra.resolve("01.json"), OracleSources.bundled().get(0).json());
        Events added = oracleGroupWith(extra.toString());
        assertEquals(0, added.failed().count());
        assertEquals((OracleSources.bundled().size() + 1) * 5L, added.succeeded().count());
    }
}
