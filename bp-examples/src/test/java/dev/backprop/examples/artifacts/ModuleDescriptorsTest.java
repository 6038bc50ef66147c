package dev.backprop.examples.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every library module is usable on the module path: it has a {@code module-info.java} or, where a
 * dependency makes a descriptor impractical, an {@code Automatic-Module-Name}; a descriptor exports or
 * deliberately lists as internal every package (so a merge that adds a package and forgets its export
 * fails here, not in a user's build); every {@code META-INF/services} provider is also a
 * {@code provides} clause (the module path ignores service files of named modules); and no package is
 * in two modules.
 */
class ModuleDescriptorsTest {

    private static final Pattern AUTOMATIC_MODULE_NAME =
            Pattern.compile("<Automatic-Module-Name>([\\w.]+)</Automatic-Module-Name>");

    private static Path descriptor(String module) {
        return Reactor.mainSources(module).resolve("module-info.java");
    }

    private static Set<String> packages(String module) {
        Path sources = Reactor.mainSources(module);
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("module-info.java"))
                    .map(f -> sources.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyLibraryModuleHasADescriptorOrAnAutomaticModuleName() {
        List<String> libraries = Reactor.libraryModules();
        assertTrue(libraries.containsAll(List.of("bp-api", "bp-backend-pure", "bp-backend-ejml", "bp-backend-nd4j",
                "bp-io", "bp-conformance")), libraries.toString());
        for (String module : libraries) {
            boolean hasDescriptor = Files.exists(descriptor(module));
            Matcher automatic = AUTOMATIC_MODULE_NAME.matcher(Reactor.read(Reactor.ROOT.resolve(module).resolve("pom.xml")));
            boolean hasAutomaticName = automatic.find();
            assertTrue(hasDescriptor != hasAutomaticName, module + ": needs exactly one of src/main/java/module-info.java "
                    + "and an Automatic-Module-Name in its jar manifest (a descriptor unless a dependency splits packages)");
            if (hasAutomaticName) {
                assertTrue(automatic.group(1).startsWith("dev.backprop."), module + ": " + automatic.group(1));
            }
        }
    }

    @Test
    void everyPackageIsExportedOrListedAsInternal() {
        List<String> problems = new ArrayList<>();
        for (String module : Reactor.libraryModules()) {
            if (!Files.exists(descriptor(module))) {
                continue;
            }
            ModuleDescriptor descriptor = ModuleDescriptor.parse(Reactor.read(descriptor(module)));
            Set<String> packages = packages(module);
            for (String unlisted : descriptor.unlisted(packages)) {
                problems.add(module + ": package " + unlisted + " is neither exported nor listed as internal; add `exports "
                        + unlisted + ";` or `// internal: " + unlisted + " (why)` to " + Reactor.ROOT.relativize(descriptor(module)));
            }
            for (String stale : descriptor.internal()) {
                if (!packages.contains(stale)) {
                    problems.add(module + ": internal package " + stale + " does not exist");
                }
                if (descriptor.exported().contains(stale)) {
                    problems.add(module + ": package " + stale + " is both exported and listed as internal");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyServiceFileProviderIsAlsoProvidedByTheDescriptor() throws IOException {
        int checked = 0;
        for (String module : Reactor.libraryModules()) {
            Path services = Reactor.ROOT.resolve(module).resolve("src/main/resources/META-INF/services");
            if (!Files.exists(descriptor(module)) || !Files.isDirectory(services)) {
                continue;
            }
            ModuleDescriptor descriptor = ModuleDescriptor.parse(Reactor.read(descriptor(module)));
            try (Stream<Path> files = Files.list(services)) {
                for (Path file : files.collect(Collectors.toList())) {
                    for (String line : Files.readAllLines(file)) {
                        String provider = line.replaceAll("#.*", "").trim();
                        if (!provider.isEmpty()) {
                            assertTrue(descriptor.provides(file.getFileName().toString(), provider), module
                                    + ": META-INF/services lists " + provider + " but module-info.java has no `provides "
                                    + file.getFileName() + " with " + provider + ";`");
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 1, "the pure backend's provider, at least");
    }

    @Test
    void noPackageIsInTwoModules() {
        Map<String, String> owner = new HashMap<>();
        List<String> split = new ArrayList<>();
        for (String module : Reactor.jarModules()) {
            for (String pkg : packages(module)) {
                String previous = owner.putIfAbsent(pkg, module);
                if (previous != null) {
                    split.add(pkg + " in " + previous + " and " + module);
                }
            }
        }
        assertTrue(split.isEmpty(), "split packages cannot load on the module path: " + split);
    }

    @Test
    void theCheckCatchesAForgottenExportAndIgnoresCommentedOutOnes() {
        ModuleDescriptor descriptor = ModuleDescriptor.parse("""
                /** Exports {@code exports a.javadoc;} only in its comment; // internal: a.mentioned */
                module m {
                    exports a.b;
                    exports a.qualified to other.module;
                    // exports a.commented;
                    /* exports a.blocked; */
                    // internal: a.hidden (kernels)
                    provides a.Service with a.hidden.One, a.hidden.Two;
                }
                """);
        assertEquals(Set.of("a.b", "a.qualified"), descriptor.exported());
        assertEquals(Set.of("a.hidden"), descriptor.internal());
        assertEquals(Set.of("a.commented", "a.blocked", "a.javadoc", "a.mentioned", "a.forgotten"),
                descriptor.unlisted(Set.of("a.b", "a.qualified", "a.hidden", "a.commented", "a.blocked", "a.javadoc",
                        "a.mentioned", "a.forgotten")));
        assertTrue(descriptor.provides("a.Service", "a.hidden.Two"));
        assertFalse(descriptor.provides("a.Service", "a.hidden.Three"));
        assertFalse(descriptor.provides("a.Other", "a.hidden.One"));
    }
}
