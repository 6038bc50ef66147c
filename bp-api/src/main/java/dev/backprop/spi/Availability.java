package dev.backprop.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a {@link BackendProvider} can create its backend on this machine, and if not, why.
 *
 * @param available true if {@link BackendProvider#create()} is expected to succeed
 * @param reason why not, in words a user can act on (empty when available)
 * @param cause the underlying failure, e.g. the {@link UnsatisfiedLinkError} of a native library
 */
public record Availability(boolean available, String reason, Optional<Throwable> cause) {

    private static final Availability AVAILABLE = new Availability(true, "", Optional.empty());

    /** Checks that an unavailable result says why. */
    public Availability {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cause, "cause");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable backend must say why");
        }
    }

    /** The backend can be created. */
    public static Availability ok() {
        return AVAILABLE;
    }

    /** The backend cannot be created, for {@code reason}. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason, Optional.empty());
    }

    /** The backend cannot be created, for {@code reason} caused by {@code cause}. */
    public static Availability unavailable(String reason, Throwable cause) {
        return new Availability(false, reason, Optional.of(cause));
    }

    /** The reason with the cause's message appended, for tables and error messages. */
    public String describe() {
        if (available) {
            return "available";
        }
        return cause.map(c -> reason + " (" + c + ")").orElse(reason);
    }
}
