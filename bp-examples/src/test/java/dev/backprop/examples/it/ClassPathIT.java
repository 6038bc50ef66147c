package dev.backprop.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise "add a jar, nothing else changes", checked from outside: child JVMs run {@code bp
 * backends} on class paths built from the packaged distribution ({@code target/bp.jar} and
 * {@code target/lib}) holding no backend, one, two or all three, and the output says which backend was
 * chosen by which rule.
 */
class ClassPathIT {

    private static final Path TARGET = Paths.get("target").toAbsolutePath();
    private static final List<Path> LIB = list(TARGET.resolve("lib"));

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException("run `mvn package` first: " + dir, e);
        }
    }

    private static List<Path> lib(java.util.function.Predicate<String> name) {
        return LIB.stream().filter(p -> name.test(p.getFileName().toString())).collect(Collectors.toList());
    }

    /** The jars of {@code target/lib} named like the runtime dependencies the backend module copied. */
    private static List<Path> backendDependencies(String module) {
        List<String> names = list(TARGET.getParent().resolveSibling(module).resolve("target").resolve("runtime-dependencies"))
                .stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
        return lib(names::contains);
    }

    private static List<Path> pure() {
        return lib(n -> n.startsWith("bp-backend-pure-"));
    }

    private static List<Path> ejml() {
        return join(lib(n -> n.startsWith("bp-backend-ejml-")), backendDependencies("bp-backend-ejml"));
    }

    private static List<Path> nd4j() {
        return join(lib(n -> n.startsWith("bp-backend-nd4j-")), backendDependencies("bp-backend-nd4j"));
    }

    /**
     * The command line's classes and everything else it needs, no backend: target/lib less the jars the
     * backends bring. (Not bp.jar: the JVM also loads the jars its manifest's Class-Path names, which are
     * all of lib.)
     */
    private static List<Path> common() {
        List<Path> cp = new ArrayList<>(List.of(TARGET.resolve("classes")));
        List<Path> rest = new ArrayList<>(LIB);
        rest.removeAll(pure());
        rest.removeAll(ejml());
        rest.removeAll(nd4j());
        cp.addAll(rest);
        return cp;
    }

    @SafeVarargs
    private static List<Path> join(List<Path>... parts) {
        List<Path> all = new ArrayList<>();
        for (List<Path> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    record Run(int exitCode, String out, String err) {
        String chosen() {
            return out.lines().filter(l -> l.startsWith("chosen: ")).findFirst().orElse("(none)");
        }
    }

    private static Run bp(List<Path> classpath, Map<String, String> env, List<String> jvmArgs, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        command.add("dev.backprop.examples.cli.Bp");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("BACKPROP_BACKEND");
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("bp-out", ".txt");
        Path err = Files.createTempFile("bp-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bp did not finish: " + command);
        }
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private static Run backends(List<Path> classpath) throws IOException, InterruptedException {
        return bp(classpath, Map.of(), List.of(), "backends");
    }

    private static void assertChosen(Run run, String backend, String rule) {
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals("chosen: " + backend + " (by " + rule + ")", run.chosen(), run.out() + run.err());
    }

    @Test
    void noBackendSaysWhichJarToAdd() throws Exception {
        Run run = backends(common());
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("No backprop backend found on the class path"), run.err());
        assertTrue(run.err().contains("dev.backprop:bp-backend-pure"), run.err());
    }

    @Test
    void eachBackendAloneIsChosen() throws Exception {
        assertChosen(backends(join(common(), pure())), "pure", "highest priority");
        assertChosen(backends(join(common(), ejml())), "ejml", "highest priority");
        assertChosen(backends(join(common(), nd4j())), "nd4j", "highest priority");
    }

    @Test
    void addingAJarSwitchesToTheHigherPriority() throws Exception {
        assertChosen(backends(join(common(), pure(), ejml())), "ejml", "highest priority");
        Run all = backends(join(common(), pure(), ejml(), nd4j()));
        assertChosen(all, "nd4j", "highest priority");
        assertTrue(all.out().contains("pure") && all.out().contains("ejml"), all.out());
    }

    @Test
    void propertyAndVariableOverrideThePriority() throws Exception {
        List<Path> all = join(common(), pure(), ejml(), nd4j());
        assertChosen(bp(all, Map.of(), List.of("-Dbackprop.backend=pure"), "backends"), "pure",
                "system property backprop.backend");
        assertChosen(bp(all, Map.of("BACKPROP_BACKEND", "ejml"), List.of(), "backends"), "ejml",
                "environment variable BACKPROP_BACKEND");
        assertChosen(bp(all, Map.of("BACKPROP_BACKEND", "ejml"), List.of("-Dbackprop.backend=pure"), "backends"),
                "pure", "system property backprop.backend");
        assertChosen(bp(all, Map.of("BACKPROP_BACKEND", "ejml"), List.of(), "backends", "--backend", "pure"),
                "pure", "--backend");
    }

    @Test
    void unknownNameListsWhatWasFound() throws Exception {
        Run run = bp(join(common(), pure(), ejml()), Map.of(), List.of("-Dbackprop.backend=cuda"), "backends");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("No backend named 'cuda' (asked for by system property backprop.backend)")
                && run.err().contains("pure (priority 100, available") && run.err().contains("ejml (priority 200"),
                run.err());
    }

    @Test
    void theXorExampleRunsOnWhatTheClassPathHolds() throws Exception {
        Run run = bp(join(common(), ejml()), Map.of(), List.of(), "xor", "--print-every", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("on backend ejml"), run.out());
    }

    /**
     * Naming {@code pure} with every backend on the class path runs no other provider's availability
     * check: no JavaCPP or ND4J native class is loaded (the class-loading log of the child JVM), so no
     * native library, and ND4J prints nothing. The JVM has the Vector API module, as the {@code bp}
     * launcher gives it, so that the pure backend's own INFO line about its GEMM kernel does not appear.
     */
    @Test
    void namingPureLoadsNoNativeLibrary() throws Exception {
        Run run = bp(join(common(), pure(), ejml(), nd4j()), Map.of(),
                List.of("-Xlog:class+load=info", "--add-modules", "jdk.incubator.vector"), "xor",
                "--backend", "pure", "--print-every", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("on backend pure"), run.out());
        assertTrue(run.out().contains("dev.backprop.backend.pure.PureBackend"), "the class log is on: " + run.out());
        List<String> nativeClasses = run.out().lines()
                .filter(l -> l.contains("org.bytedeco.") || l.contains("org.nd4j.nativeblas.")
                        || l.contains("org.nd4j.linalg.factory.Nd4j ") || l.contains("org.nd4j.linalg.cpu."))
                .collect(Collectors.toList());
        assertTrue(nativeClasses.isEmpty(), "pure must not touch ND4J's natives: " + nativeClasses);
        assertFalse(run.err().contains("nd4j") || run.err().contains("ND4J") || run.err().contains("INFO"),
                "nothing from ND4J on stderr: " + run.err());
    }

    @Test
    void withoutNd4jNativesNd4jIsUnavailableWithItsCauseAndTheNextBackendRuns() throws Exception {
        List<Path> withoutNatives = nd4j().stream()
                .filter(p -> !p.getFileName().toString().matches("nd4j-native-.*-(linux|macosx|windows).*\\.jar"))
                .collect(Collectors.toList());
        Run run = backends(join(common(), ejml(), withoutNatives));
        assertChosen(run, "ejml", "highest priority");
        assertTrue(run.out().contains("nd4j") && run.out().contains("UNAVAILABLE: ND4J's native library failed to load"),
                run.out());
    }

    @Test
    void cpuAndGpuNd4jOnAMachineWithoutCudaFallsBackToTheCpu() throws Exception {
        List<Path> cuda = list(TARGET.resolve("nd4j-cuda-without-natives"));
        assertEquals(3, cuda.size(), cuda.toString());
        Run run = backends(join(common(), ejml(), nd4j(), cuda));
        assertChosen(run, "nd4j", "highest priority");
        assertTrue(run.out().contains("native CPU backend"), run.out());
    }

    @Test
    void theFatJarKeepsEveryBackend() throws Exception {
        List<Path> cp = new ArrayList<>(List.of(TARGET.resolve("bp-all.jar")));
        cp.addAll(nd4j().stream().filter(p -> !p.getFileName().toString().startsWith("bp-"))
                .collect(Collectors.toList()));
        cp.addAll(common().subList(1, common().size()).stream()
                .filter(p -> !p.getFileName().toString().matches("(bp-|picocli-).*")).collect(Collectors.toList()));
        Run run = backends(cp);
        assertChosen(run, "nd4j", "highest priority");
        for (String name : new String[] {"pure ", "ejml ", "nd4j "}) {
            assertTrue(run.out().contains("\n" + name) || run.out().contains(name + "  "), name + ": " + run.out());
        }
        assertEquals(3, run.out().lines().filter(l -> l.contains("available: ")).count(), run.out());
    }

    @Test
    void aFatJarThatOverwritesServiceFilesLosesBackends(@TempDir Path dir) throws Exception {
        Path naive = dir.resolve("naive-fat.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(naive))) {
            Map<String, byte[]> entries = new HashMap<>();
            for (Path part : join(lib(n -> n.startsWith("bp-backend-")))) {
                try (JarFile in = new JarFile(part.toFile())) {
                    for (JarEntry e : java.util.Collections.list(in.entries())) {
                        if (!e.isDirectory()) {
                            try (InputStream s = in.getInputStream(e)) {
                                entries.put(e.getName(), s.readAllBytes());
                            }
                        }
                    }
                }
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        List<Path> cp = join(common(), List.of(naive), lib(n -> n.startsWith("ejml-")),
                nd4j().stream().filter(p -> !p.getFileName().toString().startsWith("bp-")).collect(Collectors.toList()));
        Run run = backends(cp);
        assertEquals(1, run.out().lines().filter(l -> l.contains("available: ") || l.contains("UNAVAILABLE")).count(),
                "a naive merge keeps one service file, so one backend: " + run.out());
    }

    @Test
    void twoProvidersWithOneNameAreAnErrorNamingBothJars(@TempDir Path dir) throws Exception {
        Path stray = dir.resolve("stray-pure.jar");
        String className = DuplicatePureProvider.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(stray));
                InputStream classBytes = DuplicatePureProvider.class.getClassLoader().getResourceAsStream(className)) {
            jar.putNextEntry(new JarEntry(className));
            classBytes.transferTo(jar);
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("META-INF/services/dev.backprop.spi.BackendProvider"));
            jar.write((DuplicatePureProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        Run run = backends(join(common(), pure(), List.of(stray)));
        assertEquals(2, run.exitCode(), run.out() + run.err());
        String all = run.out() + run.err();
        assertTrue(all.contains("Two backend providers are named 'pure'") && all.contains("stray-pure.jar")
                && all.contains("bp-backend-pure-"), all);
        assertFalse(all.contains("\tat "), "no stack trace: " + all);
    }
}
