package dev.backprop.examples.cli;

import java.io.IOException;

/** An image file that is missing, a folder, corrupt, too large or not an image; the message names it. */
final class ImageInputException extends IOException {

    private static final long serialVersionUID = 1L;

    ImageInputException(String message) {
        super(message);
    }

    ImageInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
