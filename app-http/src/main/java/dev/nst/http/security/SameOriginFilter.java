package dev.nst.http.security;

import dev.nst.http.api.ErrorBody;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.Set;

/** Refuses state-changing requests from pages of other sites with 403, before anything else looks at them. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SameOriginFilter implements Ordered {

    private final SameOrigin sameOrigin;

    SameOriginFilter(@Value("${nst.http.allowed-origins:}") List<String> allowedOrigins) {
        this.sameOrigin = new SameOrigin(Set.copyOf(allowedOrigins.stream().filter(o -> !o.isBlank()).toList()));
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        return sameOrigin.refusal(request.getMethodName(), request.getHeaders().get("Origin"),
                        request.getHeaders().get("Sec-Fetch-Site"), request.getHeaders().get("Host"),
                        request.getHeaders().get("X-Forwarded-Host"))
                .<HttpResponse<?>>map(reason -> HttpResponse.status(HttpStatus.FORBIDDEN)
                        .contentType(MediaType.APPLICATION_JSON_TYPE).body(ErrorBody.of(reason)))
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
