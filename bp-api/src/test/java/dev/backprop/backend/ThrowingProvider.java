package dev.backprop.backend;

/** A provider whose construction fails, as a provider with a broken static initializer would. */
public class ThrowingProvider extends FakeProvider {

    /** Always throws. */
    public ThrowingProvider() {
        super("throwing", 1, dev.backprop.spi.Availability.ok());
        throw new IllegalStateException("cannot start: simulated failure");
    }
}
