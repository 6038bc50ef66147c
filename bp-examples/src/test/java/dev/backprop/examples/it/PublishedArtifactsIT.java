package dev.backprop.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What the build leaves for a repository manager, read from the library modules' packaged jars: each
 * has its sources and Javadoc jar, carries the licence, and names its module; the Javadoc shows the
 * SPI's and the optimizers' formulas as written.
 */
class PublishedArtifactsIT {

    private static final Path ROOT = Paths.get("").toAbsolutePath().getParent();
    private static final List<String> LIBRARIES = List.of("bp-api", "bp-backend-pure", "bp-backend-ejml",
            "bp-backend-nd4j", "bp-io", "bp-conformance", "bp-spark");

    /** {@code target/MODULE-VERSION[-CLASSIFIER].jar} of a library module. */
    private static Path artifact(String module, String classifier) throws IOException {
        Path target = ROOT.resolve(module).resolve("target");
        String name = Pattern.quote(module) + "-\\d[^-]*(-SNAPSHOT)?" + (classifier.isEmpty() ? "" : "-" + classifier)
                + "\\.jar";
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " not in " + target + "; run `mvn package` first"));
        }
    }

    private static String entry(Path jar, String name) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(name);
            assertNotNull(entry, name + " in " + jar);
            try (InputStream in = file.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void everyLibraryHasSourcesJavadocAndAModuleName() throws IOException {
        for (String module : LIBRARIES) {
            Path jar = artifact(module, "");
            try (JarFile file = new JarFile(jar.toFile())) {
                String automatic = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                boolean descriptor = file.getEntry("module-info.class") != null;
                assertTrue(descriptor != (automatic != null), module + ": a descriptor or an Automatic-Module-Name");
            }
            assertTrue(entry(jar, "META-INF/LICENSE").contains("Apache License"), module);
            assertNotNull(entry(artifact(module, "sources"), "META-INF/MANIFEST.MF"), module);
            assertNotNull(entry(artifact(module, "javadoc"), "index.html"), module);
        }
    }

    @Test
    void theJavadocShowsTheFormulas() throws IOException {
        Path javadoc = artifact("bp-api", "javadoc");
        assertTrue(entry(javadoc, "dev.backprop/dev/backprop/spi/MatrixOps.html")
                .contains("c = alpha * op(a) * op(b) + beta * c"), "GEMM's formula");
        String adam = entry(javadoc, "dev.backprop/dev/backprop/optim/Adam.html");
        assertTrue(adam.contains("θ ← θ − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + ε)"), "Adam's update");
        assertEquals(1, adam.split("charset=UTF-8", -1).length - 1, "declared UTF-8 once");
    }
}
