package dev.backprop.backend;

import dev.backprop.spi.Backend;

/**
 * Where applications get a {@link Backend}. With no name, the choice is, first match wins: the
 * system property {@value #PROPERTY}, the environment variable {@value #ENVIRONMENT_VARIABLE}, the
 * available provider with the highest priority. A name passed in code wins over all of them.
 *
 * <pre>{@code
 * Backend backend = Backends.get();          // by property, variable or priority
 * Backend pure = Backends.get("pure");       // by name
 * }</pre>
 *
 * <p>This class keeps one {@link BackendRegistry}, loaded on first use from the thread's context
 * class loader and this library's; applications with their own class loaders use a registry directly.
 */
public final class Backends {

    /** System property that names the backend. */
    public static final String PROPERTY = "backprop.backend";

    /** Environment variable that names the backend. */
    public static final String ENVIRONMENT_VARIABLE = "BACKPROP_BACKEND";

    private static BackendRegistry registry;

    private Backends() {
    }

    /** The backend the selection rules choose. */
    public static Backend get() {
        return registry().backend(registry().select(null));
    }

    /** The backend named {@code name}, which must be found and available. */
    public static Backend get(String name) {
        return registry().backend(registry().select(name));
    }

    /** The registry behind {@link #get()}, loaded on first use (a failed load is retried next time). */
    public static synchronized BackendRegistry registry() {
        if (registry == null) {
            registry = BackendRegistry.load();
        }
        return registry;
    }
}
