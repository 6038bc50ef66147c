package dev.backprop.examples.it;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BackendProvider;

/** A second provider named "pure", as a stray copy of a backend in a fat jar would be. */
public final class DuplicatePureProvider implements BackendProvider {

    @Override
    public String name() {
        return "pure";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Availability availability() {
        return Availability.ok();
    }

    @Override
    public Backend create() {
        throw new IllegalStateException("never created");
    }
}
