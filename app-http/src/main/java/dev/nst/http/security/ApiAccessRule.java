package dev.nst.http.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Who may call what: with keys configured every call needs one of them (every {@code /api} call, and whatever else
 * is not known to be public); without keys (a service on the loopback interface, or one its operator has declared
 * anonymous) anyone may. The page and its files, the OpenAPI document and {@code /health} are public: they hold
 * nothing of anyone's.
 */
@Singleton
final class ApiAccessRule implements SecurityRule<HttpRequest<?>> {

    private static final java.util.regex.Pattern PUBLIC_FILE =
            java.util.regex.Pattern.compile("/[A-Za-z0-9_-]+\\.(html|js|css|ico|png|svg)");

    private final ApiKeys keys;

    ApiAccessRule(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || keys.anonymous() || isPublic(request.getPath())) {
            return Mono.just(SecurityRuleResult.ALLOWED);
        }
        return Mono.just(authentication != null ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    /** The page, its files, the OpenAPI document and health; nothing under {@code /api}. */
    static boolean isPublic(String path) {
        return path.equals("/") || path.equals("/health") || PUBLIC_FILE.matcher(path).matches()
                || path.startsWith("/swagger/") && !path.contains("..");
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
