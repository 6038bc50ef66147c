package dev.backprop.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The promise "add a jar, nothing else changes" on the module path: the user's application of
 * {@code examples/consumer} (module {@code com.example.xor}, which requires {@code dev.backprop} and
 * names no backend) is compiled against the packaged {@code bp-api} jar and started with
 * {@code java --module-path ... -m com.example.xor/...} holding no backend module, one, or all three.
 * The backprop jars are modules (pure's a named one, EJML's and ND4J's automatic ones); the libraries
 * EJML and ND4J need stay on the class path, which automatic modules read.
 */
class ModulePathIT {

    private static final Path TARGET = Paths.get("target").toAbsolutePath();
    private static final Path LIB = TARGET.resolve("lib");
    private static final Path CONSUMER_SOURCES = TARGET.getParent().resolveSibling("examples").resolve("consumer")
            .resolve("src").resolve("main").resolve("java");
    /** JavaCPP, under ND4J, needs sun.misc.Unsafe, which a named main module does not resolve by itself. */
    private static final List<String> UNSAFE = List.of("--add-modules", "jdk.unsupported");
    private static final Path APPLICATION = TARGET.resolve("module-path-it").resolve("com.example.xor");

    @BeforeAll
    static void compileTheConsumersApplication() throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(CONSUMER_SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).collect(Collectors.toList());
        }
        assertEquals(2, sources.size(), "module-info.java and Xor.java in " + CONSUMER_SOURCES);
        Files.createDirectories(APPLICATION);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror",
                "--module-path", jar("bp-api").toString(), "-d", APPLICATION.toString(),
                // not the test JVM's class path, which an in-process javac would otherwise inherit
                "--class-path", APPLICATION.toString()));
        arguments.addAll(sources);
        assertEquals(0, javac.run(null, null, null, arguments.toArray(String[]::new)), "javac " + arguments);
    }

    private static Path jar(String artifactId) {
        try (Stream<Path> files = Files.list(LIB)) {
            return files.filter(f -> f.getFileName().toString().matches(artifactId + "-\\d.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError(artifactId + " not in " + LIB + "; run `mvn package` first"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The backend module's libraries, named as the backend module copied them, found in target/lib (the
     * pure backend has none and copies nothing).
     */
    private static List<Path> libraries(String module) throws IOException {
        Path copied = TARGET.getParent().resolveSibling(module).resolve("target").resolve("runtime-dependencies");
        if (!Files.exists(copied)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(copied)) {
            return files.map(f -> LIB.resolve(f.getFileName())).filter(Files::exists).sorted()
                    .collect(Collectors.toList());
        }
    }

    record Run(int exitCode, String out) {
    }

    private static Run run(List<String> backendModules, List<String> jvmArgs) throws IOException, InterruptedException {
        List<Path> modulePath = new ArrayList<>(List.of(APPLICATION, jar("bp-api")));
        List<Path> classPath = new ArrayList<>();
        for (String module : backendModules) {
            modulePath.add(jar(module));
            classPath.addAll(libraries(module));
        }
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmArgs);
        command.add("--module-path");
        command.add(modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        if (!classPath.isEmpty()) {
            command.add("--class-path");
            command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        }
        command.addAll(List.of("--module", "com.example.xor/com.example.xor.Xor"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("BACKPROP_BACKEND");
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Path out = Files.createTempFile("bp-module-path", ".txt");
        Process process = builder.redirectOutput(out.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish: " + command);
        }
        Run run = new Run(process.exitValue(), Files.readString(out));
        Files.delete(out);
        return run;
    }

    private static void assertTrainedOn(Run run, String backend, String rule) {
        String out = run.out();
        assertEquals(0, run.exitCode(), out);
        assertTrue(out.contains("backend: " + backend + " (chosen by " + rule + ")"), out);
        assertTrue(out.contains("loaded from: module dev.backprop.backend." + backend + " on the module path"), out);
        assertTrue(out.contains("application: module com.example.xor"), out);
        assertTrue(out.contains("\nconverged"), out);
    }

    @Test
    void eachBackendModuleAloneIsFoundAndTrainsXor() throws Exception {
        for (String backend : List.of("pure", "ejml", "nd4j")) {
            assertTrainedOn(run(List.of("bp-backend-" + backend), UNSAFE), backend, "highest priority");
        }
    }

    @Test
    void withAllThreeThePriorityOrThePropertyChooses() throws Exception {
        List<String> all = List.of("bp-backend-pure", "bp-backend-ejml", "bp-backend-nd4j");
        assertTrainedOn(run(all, UNSAFE), "nd4j", "highest priority");
        List<String> property = new ArrayList<>(UNSAFE);
        property.add("-Dbackprop.backend=pure");
        assertTrainedOn(run(all, property), "pure", "system property backprop.backend");
    }

    @Test
    void withoutJdkUnsupportedNd4jIsUnavailableWithTheFlagToAdd() throws Exception {
        Run run = run(List.of("bp-backend-nd4j"), List.of());
        assertNotEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("nd4j (priority 300, ND4J needs the JDK module jdk.unsupported")
                && run.out().contains("add --add-modules jdk.unsupported"), run.out());
    }

    @Test
    void noBackendModuleSaysWhichJarToAdd() throws Exception {
        Run run = run(List.of(), List.of());
        assertNotEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("No backprop backend found") && run.out().contains("dev.backprop:bp-backend-pure"),
                run.out());
    }
}
