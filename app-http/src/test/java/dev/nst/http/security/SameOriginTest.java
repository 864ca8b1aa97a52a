package dev.nst.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SameOriginTest {

    private final SameOrigin check = new SameOrigin(Set.of("https://Studio.Example.com:443"));

    @Test
    void safeMethodsAndRequestsWithoutAnOriginPass() {
        assertThat(check.refusal("GET", "https://evil.example", "cross-site", "nst:8080", null)).isEmpty();
        assertThat(check.refusal("POST", null, null, "nst:8080", null)).isEmpty();
        assertThat(check.refusal("POST", null, "same-origin", "nst:8080", null)).isEmpty();
        assertThat(check.refusal("POST", null, "none", "nst:8080", null)).isEmpty();
    }

    @Test
    void theServersOwnOriginPassesWhateverTheDefaultPortSpelling() {
        assertThat(check.refusal("POST", "http://nst:8080", null, "nst:8080", null)).isEmpty();
        assertThat(check.refusal("POST", "http://NST", null, "nst:80", null)).isEmpty();
        assertThat(check.refusal("DELETE", "https://nst.example.com", null, "backend:8080", "nst.example.com"))
                .isEmpty();
        assertThat(check.refusal("POST", "https://studio.example.com", null, "nst:8080", null)).isEmpty();
    }

    @Test
    void otherSitesAndOpaqueOriginsAreRefused() {
        assertThat(check.refusal("POST", "https://evil.example", null, "nst:8080", null)).hasValueSatisfying(
                reason -> assertThat(reason).contains("https://evil.example", "nst.http.allowed-origins"));
        assertThat(check.refusal("POST", "http://nst:8081", null, "nst:8080", null)).isPresent();
        assertThat(check.refusal("POST", "https://nst:8080", null, "nst:8080", null)).isEmpty();
        assertThat(check.refusal("POST", "null", null, "nst:8080", null)).isPresent();
        assertThat(check.refusal("PUT", "file://", null, "nst:8080", null)).isPresent();
        assertThat(check.refusal("POST", null, "cross-site", "nst:8080", null)).isPresent();
        assertThat(check.refusal("POST", "http://nst.evil:8080", null, "nst:8080", null)).isPresent();
    }
}
