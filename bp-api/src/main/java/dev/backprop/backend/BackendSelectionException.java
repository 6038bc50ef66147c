package dev.backprop.backend;

/**
 * No backend could be chosen or created: none on the class path, an unknown name, an unavailable
 * backend asked for by name, or two jars providing the same name. The message lists what was found
 * and, for each unusable provider, why.
 */
public class BackendSelectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message that says what was found and what to do. */
    public BackendSelectionException(String message) {
        super(message);
    }

    /** With a message and the failure behind it. */
    public BackendSelectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
