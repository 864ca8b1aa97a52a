package dev.nst.weights;

import java.io.IOException;

/** A download did not complete; the message says why in a few words (the caller adds what to do). */
final class DownloadFailedException extends IOException {

    DownloadFailedException(String reason) {
        super(reason);
    }

    DownloadFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
