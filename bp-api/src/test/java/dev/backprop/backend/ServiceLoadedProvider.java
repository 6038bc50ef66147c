package dev.backprop.backend;

/** Found through a {@code META-INF/services} file that the tests write. */
public class ServiceLoadedProvider extends FakeProvider {

    /** As a service provider needs. */
    public ServiceLoadedProvider() {
        super("loaded", 50, dev.backprop.spi.Availability.ok());
    }
}
