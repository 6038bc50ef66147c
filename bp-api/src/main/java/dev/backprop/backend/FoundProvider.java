package dev.backprop.backend;

import dev.backprop.spi.Availability;
import dev.backprop.spi.BackendProvider;

/**
 * A provider the registry found, where it came from and whether it is available.
 *
 * @param provider the provider instance
 * @param source the jar or directory its class was loaded from, for messages
 * @param availability what {@link BackendProvider#availability()} reported (a provider that threw
 *     there is reported unavailable with the exception as cause)
 */
public record FoundProvider(BackendProvider provider, String source, Availability availability) {

    /** {@link BackendProvider#name()}. */
    public String name() {
        return provider.name();
    }

    /** One line for messages: name, priority and availability. */
    public String describe() {
        return provider.name() + " (priority " + provider.priority() + ", " + availability.describe() + ", from "
                + source + ")";
    }
}
