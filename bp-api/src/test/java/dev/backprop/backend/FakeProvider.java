package dev.backprop.backend;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Backend;
import dev.backprop.spi.BackendProvider;
import java.lang.reflect.Proxy;

/** A provider for registry tests; its backend is a proxy that only answers {@code name()}. */
class FakeProvider implements BackendProvider {

    private final String name;
    private final int priority;
    private final Availability availability;

    FakeProvider(String name, int priority, Availability availability) {
        this.name = name;
        this.priority = priority;
        this.availability = availability;
    }

    static FakeProvider available(String name, int priority) {
        return new FakeProvider(name, priority, Availability.ok());
    }

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
        return availability;
    }

    @Override
    public Backend create() {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return name;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
