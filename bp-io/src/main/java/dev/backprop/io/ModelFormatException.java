package dev.backprop.io;

import java.io.IOException;

/** A model file that is truncated, corrupted, of another format version, or not a model file at all. */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the file and what is wrong with it. */
    public ModelFormatException(String message) {
        super(message);
    }

    /** With a message and the failure behind it. */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
