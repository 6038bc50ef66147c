package dev.backprop.backend;

import dev.backprop.spi.Availability;
import dev.backprop.spi.BackendProvider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * A provider the registry found and where it came from. Whether it is available is asked of the
 * provider the first time {@link #availability()} is called, not when it is found: naming one backend
 * never runs another's check (ND4J's loads its native library).
 */
public final class FoundProvider {

    private static final Logger LOG = System.getLogger(FoundProvider.class.getName());

    private final BackendProvider provider;
    private final String source;
    private Availability availability;

    /**
     * @param provider the provider instance
     * @param source the jar or directory its class was loaded from, for messages
     */
    public FoundProvider(BackendProvider provider, String source) {
        this.provider = provider;
        this.source = source;
    }

    /** The provider instance. */
    public BackendProvider provider() {
        return provider;
    }

    /** The jar or directory the provider's class was loaded from. */
    public String source() {
        return source;
    }

    /** {@link BackendProvider#name()}. */
    public String name() {
        return provider.name();
    }

    /**
     * What {@link BackendProvider#availability()} reports, asked once; a provider that throws there is
     * reported unavailable with the exception as cause.
     */
    public synchronized Availability availability() {
        if (availability == null) {
            Availability result;
            try {
                result = provider.availability();
            } catch (RuntimeException | LinkageError e) {
                result = Availability.unavailable("its availability check failed", e);
            }
            if (!result.available()) {
                Availability unavailable = result;
                LOG.log(Level.DEBUG, () -> "backend " + provider.name() + " unavailable: " + unavailable.describe());
            }
            availability = result;
        }
        return availability;
    }

    /** One line for messages: name, priority and availability (which this asks for). */
    public String describe() {
        return provider.name() + " (priority " + provider.priority() + ", " + availability().describe() + ", from "
                + source + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
