package dev.backprop.backend.ejml;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BackendProvider;
import org.ejml.EjmlVersion;

/** Registers the {@link EjmlBackend} with {@link java.util.ServiceLoader}. */
public final class EjmlBackendProvider implements BackendProvider {

    /** Above the pure backend, below ND4J. */
    public static final int PRIORITY = 200;

    @Override
    public String name() {
        return EjmlBackend.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String description() {
        return "EJML dense row-major matrices (DMatrixRMaj / FMatrixRMaj), plain Java";
    }

    @Override
    public String libraryVersion() {
        return "EJML " + EjmlVersion.VERSION;
    }

    @Override
    public Availability availability() {
        try {
            Class.forName("org.ejml.dense.row.CommonOps_DDRM", false, getClass().getClassLoader());
            Class.forName("org.ejml.dense.row.CommonOps_FDRM", false, getClass().getClassLoader());
            return Availability.ok();
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unavailable("EJML (ejml-ddense and ejml-fdense) is not on the class path", e);
        }
    }

    @Override
    public Backend create() {
        return new EjmlBackend();
    }
}
