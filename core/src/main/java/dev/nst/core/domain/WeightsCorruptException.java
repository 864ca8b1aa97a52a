package dev.nst.core.domain;

/**
 * A weights file is not what it must be: a download whose checksum is not the published one, or a cached file that
 * changed since it was recorded. The message names the file or URL and both checksums.
 */
public class WeightsCorruptException extends NstException {

    public WeightsCorruptException(String message) {
        super(message);
    }
}
