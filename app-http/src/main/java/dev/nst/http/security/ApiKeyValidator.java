package dev.nst.http.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Micronaut Security's bearer token reader hands every {@code Authorization: Bearer <key>} to this validator: a
 * configured key authenticates the request as the key's name, with its job limit as an attribute.
 */
@Singleton
final class ApiKeyValidator implements TokenValidator<HttpRequest<?>> {

    private final ApiKeys keys;

    ApiKeyValidator(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return Mono.justOrEmpty(keys.find(token).map(key -> Authentication.build(key.name(),
                key.maxJobs().isPresent() ? Map.<String, Object>of(ApiKey.MAX_JOBS_ATTRIBUTE, key.maxJobs().getAsInt()) : Map.of())));
    }
}
