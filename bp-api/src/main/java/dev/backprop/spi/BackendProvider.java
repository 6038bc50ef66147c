package dev.backprop.spi;

import java.util.function.Supplier;

/**
 * The {@link java.util.ServiceLoader} entry point of a backend jar, registered in
 * {@code META-INF/services/dev.backprop.spi.BackendProvider}.
 *
 * <p>Obligations: the public no-argument constructor is cheap and does not touch native code;
 * {@link #availability()} reports problems (a missing native library, an unsupported CPU) as a value
 * and never throws; {@link #create()} does the heavy work and is called at most once per process by
 * {@link dev.backprop.backend.BackendRegistry}.
 */
public interface BackendProvider {

    /** A stable, lower-case name users select the backend by: {@code "pure"}, {@code "ejml"}, {@code "nd4j"}. */
    String name();

    /**
     * Rank among available providers when the user names none; the highest wins. The bundled
     * backends use 100 (pure), 200 (ejml) and 300 (nd4j).
     */
    int priority();

    /** One line on what the backend is built on, for {@code bp backends}. */
    default String description() {
        return name();
    }

    /** Version of the library the backend is built on, or {@code "-"} if it has none. */
    default String libraryVersion() {
        return "-";
    }

    /** Whether {@link #create()} can succeed here, and if not, why. Must not throw. */
    Availability availability();

    /**
     * Creates the backend. Called only when the provider is available and chosen.
     *
     * @throws IllegalStateException if the backend cannot be created after all; the message says why
     */
    Backend create();

    /**
     * A provider that is always available and creates its backend with {@code factory}: for tests and
     * for applications that wire a backend by hand ({@link dev.backprop.backend.BackendRegistry#of}).
     */
    static BackendProvider of(String name, int priority, Supplier<? extends Backend> factory) {
        return new BackendProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public Availability availability() {
                return Availability.ok();
            }

            @Override
            public Backend create() {
                return factory.get();
            }
        };
    }
}
