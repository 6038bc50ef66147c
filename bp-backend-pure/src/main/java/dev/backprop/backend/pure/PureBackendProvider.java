package dev.backprop.backend.pure;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BackendProvider;

/** Registers the {@link PureBackend} with {@link java.util.ServiceLoader}; always available. */
public final class PureBackendProvider implements BackendProvider {

    /** Priority below the native backends, so that adding one of them switches to it. */
    public static final int PRIORITY = 100;

    @Override
    public String name() {
        return PureBackend.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String description() {
        return "plain Java, double[]/float[] on the heap, no native code";
    }

    @Override
    public String libraryVersion() {
        String version = PureBackendProvider.class.getPackage().getImplementationVersion();
        return version != null ? version : "-";
    }

    @Override
    public Availability availability() {
        return Availability.ok();
    }

    @Override
    public Backend create() {
        return new PureBackend();
    }
}
