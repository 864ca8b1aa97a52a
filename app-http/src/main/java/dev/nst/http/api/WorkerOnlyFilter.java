package dev.nst.http.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** A node with {@code nst.http.role=worker} runs jobs only: its API answers 404, pointing to the API nodes. */
@ServerFilter("/api/**")
@Requires(property = "nst.http.role", value = "worker")
final class WorkerOnlyFilter {

    @RequestFilter
    HttpResponse<?> refuse() {
        return HttpResponse.notFound(ErrorBody.of("this node only runs jobs (nst.http.role=worker); send requests to"
                + " an API node")).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
