package dev.backprop.data;

import java.io.IOException;

/**
 * A data file that is missing, truncated, or not what it claims to be. The message names the file
 * and says what is wrong with it.
 */
public class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the file and the problem. */
    public IdxFormatException(String message) {
        super(message);
    }
}
