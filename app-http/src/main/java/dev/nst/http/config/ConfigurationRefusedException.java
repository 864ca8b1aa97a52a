package dev.nst.http.config;

/**
 * A setting the service will not start with; the message names it and says what to do. Start-up prints it as one
 * line and exits with status 2.
 */
public final class ConfigurationRefusedException extends RuntimeException {

    public ConfigurationRefusedException(String message) {
        super(message);
    }
}
