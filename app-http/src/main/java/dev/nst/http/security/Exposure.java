package dev.nst.http.security;

import dev.nst.http.config.ConfigurationRefusedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where the service may listen. With API keys it listens where it is told (every interface by default); without keys
 * anyone who reaches it could use it, so it listens on the loopback interface only unless its operator has said
 * {@code nst.http.allow-anonymous=true}, and it refuses to start on another address without that.
 *
 * @param host the address to bind, empty for every interface
 * @param note what start-up says about it
 */
public record Exposure(Optional<String> host, String note) {

    public static final String LOOPBACK = "127.0.0.1";

    /**
     * @param configured     {@code micronaut.server.host}, if set
     * @param keys           how many API keys are configured
     * @param allowAnonymous {@code nst.http.allow-anonymous}
     * @throws ConfigurationRefusedException when asked to listen beyond the loopback interface with no keys and no
     *                                  permission to be anonymous
     */
    public static Exposure decide(Optional<String> configured, int keys, boolean allowAnonymous) {
        Optional<String> host = configured.map(String::trim).filter(h -> !h.isEmpty());
        if (keys > 0) {
            return new Exposure(host, keys + " API key(s) configured: every /api call needs one; listening on "
                    + host.orElse("every interface"));
        }
        if (host.isEmpty() && !allowAnonymous) {
            return new Exposure(Optional.of(LOOPBACK), "no API keys configured: listening on " + LOOPBACK
                    + " only, for this machine; configure nst.http.keys to serve other machines");
        }
        if (allowAnonymous) {
            return new Exposure(host, "no API keys and nst.http.allow-anonymous=true: anyone who can reach "
                    + host.orElse("any interface of this machine") + " can submit, watch and cancel jobs");
        }
        if (isLoopback(host.get())) {
            return new Exposure(host, "no API keys configured: listening on " + host.get() + " only");
        }
        throw new ConfigurationRefusedException("refusing to listen on " + host.get() + " without API keys: anyone who"
                + " could reach it could use this server. Configure nst.http.keys (see README, 'Exposing the"
                + " service'), listen on " + LOOPBACK + ", or set nst.http.allow-anonymous=true to serve everyone");
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
