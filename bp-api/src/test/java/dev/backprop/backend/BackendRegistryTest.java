package dev.backprop.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Backend;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendRegistryTest {

    private static final UnaryOperator<String> NONE = key -> null;

    private final BackendRegistry registry = BackendRegistry.of(
            FakeProvider.available("pure", 100),
            FakeProvider.available("ejml", 200),
            new FakeProvider("nd4j", 300, Availability.unavailable("native library failed to load",
                    new UnsatisfiedLinkError("no jnind4jcpu in java.library.path"))));

    private static UnaryOperator<String> map(String key, String value) {
        return Map.of(key, value)::get;
    }

    @Test
    void highestPriorityAvailableProviderWins() {
        Selection selection = registry.select(null, NONE, NONE);
        assertEquals("ejml", selection.chosen().name());
        assertEquals(SelectionRule.PRIORITY, selection.rule());
    }

    @Test
    void apiCallBeatsPropertyBeatsEnvironment() {
        UnaryOperator<String> property = map(Backends.PROPERTY, "pure");
        UnaryOperator<String> env = map(Backends.ENVIRONMENT_VARIABLE, "ejml");
        assertEquals(SelectionRule.API_CALL, registry.select("ejml", property, env).rule());
        Selection byProperty = registry.select(null, property, env);
        assertEquals("pure", byProperty.chosen().name());
        assertEquals(SelectionRule.SYSTEM_PROPERTY, byProperty.rule());
        Selection byEnv = registry.select(null, NONE, env);
        assertEquals("ejml", byEnv.chosen().name());
        assertEquals(SelectionRule.ENVIRONMENT_VARIABLE, byEnv.rule());
        assertEquals("pure", registry.select(" PURE ", NONE, NONE).chosen().name());
    }

    @Test
    void unknownNameListsWhatWasFound() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> registry.select(null, map(Backends.PROPERTY, "cuda"), NONE));
        String m = e.getMessage();
        assertTrue(m.contains("'cuda'") && m.contains("system property backprop.backend") && m.contains("pure")
                && m.contains("ejml") && m.contains("native library failed to load"), m);
    }

    @Test
    void unavailableBackendAskedForByNameSaysWhy() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> registry.select(null, NONE, map(Backends.ENVIRONMENT_VARIABLE, "nd4j")));
        assertTrue(e.getMessage().contains("unavailable: native library failed to load"), e.getMessage());
        assertTrue(e.getMessage().contains("UnsatisfiedLinkError"), e.getMessage());
        assertTrue(e.getCause() instanceof UnsatisfiedLinkError);
    }

    @Test
    void noProviderSaysWhichArtifactToAdd() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> BackendRegistry.of().select(null, NONE, NONE));
        assertTrue(e.getMessage().contains("dev.backprop:bp-backend-pure"), e.getMessage());
        assertTrue(e.getMessage().contains(BackendRegistry.README_NO_BACKEND), e.getMessage());
    }

    @Test
    void noneAvailableListsTheReasons() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> BackendRegistry.of(
                new FakeProvider("gpu", 1, Availability.unavailable("no CUDA device"))).select(null, NONE, NONE));
        assertTrue(e.getMessage().contains("no CUDA device"), e.getMessage());
    }

    @Test
    void duplicateNamesAreAnError() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> BackendRegistry.of(FakeProvider.available("pure", 1), FakeProvider.available("pure", 2)));
        assertTrue(e.getMessage().contains("Two backend providers are named 'pure'"), e.getMessage());
    }

    @Test
    void availabilityCheckThatThrowsMakesTheProviderUnavailable() {
        FakeProvider broken = new FakeProvider("broken", 1000, Availability.ok()) {
            @Override
            public Availability availability() {
                throw new IllegalStateException("probe crashed");
            }
        };
        BackendRegistry r = BackendRegistry.of(broken, FakeProvider.available("pure", 1));
        assertEquals("pure", r.select(null, NONE, NONE).chosen().name());
        assertTrue(r.find("broken").orElseThrow().availability().describe().contains("probe crashed"));
    }

    @Test
    void backendIsCreatedOnceAndReused() {
        Selection selection = registry.select("pure", NONE, NONE);
        Backend first = registry.backend(selection);
        assertSame(first, registry.backend(selection));
        assertEquals("pure", first.name());
    }

    @Test
    void createThatThrowsIsAClearError() {
        FakeProvider failing = new FakeProvider("failing", 1, Availability.ok()) {
            @Override
            public Backend create() {
                throw new IllegalStateException("device lost");
            }
        };
        BackendRegistry r = BackendRegistry.of(failing);
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> r.backend(r.select(null, NONE, NONE)));
        assertTrue(e.getMessage().contains("device lost"), e.getMessage());
    }

    @Test
    void pluginClassLoaderIsSearchedAndBrokenProvidersAreSkipped(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.backprop.spi.BackendProvider"),
                ThrowingProvider.class.getName() + "\n" + ServiceLoadedProvider.class.getName() + "\n"
                        + "dev.backprop.backend.NoSuchProvider\n");
        try (URLClassLoader plugin = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            BackendRegistry loaded = BackendRegistry.load(plugin);
            assertEquals("loaded", loaded.select(null, NONE, NONE).chosen().name());
            assertEquals(2, loaded.problems().size(), loaded.problems().toString());
            assertTrue(loaded.problems().get(0).contains("simulated failure") || loaded.problems().get(1)
                    .contains("simulated failure"), loaded.problems().toString());

            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(plugin);
            try {
                assertTrue(BackendRegistry.load().find("loaded").isPresent(), "context class loader not searched");
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
