package dev.nst.http.security;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a request that changes something came from a page of another site. Browsers name the page's origin in
 * {@code Origin} on every cross-site POST and DELETE (and in {@code Sec-Fetch-Site}); it must be the server's own
 * (the {@code Host} the browser sent, or {@code X-Forwarded-Host} behind a proxy) or one of the configured ones.
 * Requests without either header come from programs, not from pages, and pass: a page cannot leave them out.
 */
public final class SameOrigin {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Set<String> allowedOrigins;

    /** @param allowedOrigins other origins whose pages may use the API, e.g. {@code https://studio.example.com} */
    public SameOrigin(Set<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(SameOrigin::normalise).flatMap(Optional::stream)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Why the request is refused, or empty when it may go on. */
    public Optional<String> refusal(String method, String origin, String secFetchSite, String host, String forwardedHost) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (origin == null || origin.isBlank()) {
            return "cross-site".equalsIgnoreCase(secFetchSite)
                    ? Optional.of("cross-site request refused: it came from a page of another site")
                    : Optional.empty();
        }
        Optional<String> from = normalise(origin);
        if (from.isEmpty()) {
            return Optional.of("cross-site request refused: its Origin (" + printable(origin) + ") is not a site");
        }
        String authority = from.get().substring(from.get().indexOf("://") + 3);
        if (allowedOrigins.contains(from.get()) || sameHost(authority, host, from.get())
                || sameHost(authority, forwardedHost, from.get())) {
            return Optional.empty();
        }
        return Optional.of("cross-site request refused: it came from a page of " + printable(from.get())
                + ", not of this server; nst.http.allowed-origins lists the other sites that may use it");
    }

    private static boolean sameHost(String originAuthority, String hostHeader, String origin) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostHeader.split(",")[0].trim().toLowerCase(Locale.ROOT);
        String scheme = origin.substring(0, origin.indexOf("://"));
        return originAuthority.equals(withoutDefaultPort(host, scheme));
    }

    /** {@code scheme://host[:port]} in lower case, without a default port; empty for {@code null} and non-URLs. */
    static Optional<String> normalise(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            boolean defaultPort = uri.getPort() == -1 || scheme.equals("http") && uri.getPort() == 80
                    || scheme.equals("https") && uri.getPort() == 443;
            return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String withoutDefaultPort(String host, String scheme) {
        if (scheme.equals("http") && host.endsWith(":80")) {
            return host.substring(0, host.length() - 3);
        }
        if (scheme.equals("https") && host.endsWith(":443")) {
            return host.substring(0, host.length() - 4);
        }
        return host;
    }

    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }
}
