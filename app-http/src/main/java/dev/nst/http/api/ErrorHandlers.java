package dev.nst.http.api;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.domain.InsufficientMemoryException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.NstException;
import dev.nst.core.domain.WeightsUnavailableException;
import dev.nst.http.job.JobStateException;
import dev.nst.http.job.OwnerLimitException;
import dev.nst.http.job.RetryLaterException;
import dev.nst.http.job.UnknownJobException;
import dev.nst.http.wording.ApiWording;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where failures become HTTP answers, each with an {@link ErrorBody}: bad input 400 (naming the part), no accepted
 * key 401, unknown job 404, wrong state 409, too large 413, a key over its limit 429, busy or unavailable 503 (with
 * {@code Retry-After} where trying later helps), and anything else 500 with a neutral message; stack traces go to
 * the server log only.
 */
final class ErrorHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    private ErrorHandlers() {
    }

    /**
     * The core's failures: bad input, and a transfer that can never fit this server (naming what to change), 400;
     * backend or weights unavailable 503; anything else 500.
     */
    @Singleton
    static final class Core implements ExceptionHandler<NstException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, NstException e) {
            if (e instanceof FieldException field) {
                return HttpResponse.badRequest(new ErrorBody(e.getMessage(), field.field()));
            }
            if (e instanceof InvalidInputException invalid) {
                return HttpResponse.badRequest(new ErrorBody(ApiWording.message(invalid),
                        invalid.setting().map(ApiWording::field).orElse(null)));
            }
            if (e instanceof InsufficientMemoryException) {
                return HttpResponse.badRequest(ErrorBody.of(ApiWording.message(e)));
            }
            if (e instanceof BackendUnavailableException || e instanceof WeightsUnavailableException) {
                return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(ErrorBody.of(ApiWording.message(e)));
            }
            return internal(request, e);
        }
    }

    @Singleton
    static final class UnknownJob implements ExceptionHandler<UnknownJobException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, UnknownJobException e) {
            return HttpResponse.notFound(ErrorBody.of(e.getMessage()));
        }
    }

    @Singleton
    static final class WrongState implements ExceptionHandler<JobStateException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, JobStateException e) {
            return HttpResponse.<ErrorBody>status(HttpStatus.CONFLICT).body(ErrorBody.of(e.getMessage()));
        }
    }

    /**
     * Come back later, with {@code Retry-After}: 429 when the key has as many jobs as it may, 503 when the server is
     * busy or cannot store results now (it stays up either way).
     */
    @Singleton
    static final class RetryLater implements ExceptionHandler<RetryLaterException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, RetryLaterException e) {
            return HttpResponse.<ErrorBody>status(e instanceof OwnerLimitException ? HttpStatus.TOO_MANY_REQUESTS
                            : HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                    .body(ErrorBody.of(e.getMessage()));
        }
    }

    /**
     * A call without an accepted API key, 401 with a Bearer challenge; the message says whether a key was missing or
     * not accepted, never anything about the keys there are.
     */
    @Singleton
    @Replaces(DefaultAuthorizationExceptionHandler.class)
    static final class Unauthorized implements ExceptionHandler<AuthorizationException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, AuthorizationException e) {
            if (e.isForbidden()) {
                return HttpResponse.<ErrorBody>status(HttpStatus.FORBIDDEN).body(ErrorBody.of("not allowed"));
            }
            boolean presented = request.getHeaders().getAuthorization().isPresent();
            return HttpResponse.<ErrorBody>status(HttpStatus.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Bearer realm=\"nst\"")
                    .body(ErrorBody.of(presented ? "the API key was not accepted"
                            : "an API key is required: send it as 'Authorization: Bearer <key>'"));
        }
    }

    /** A request or one of its files over {@code nst.limits.max-upload-size}. */
    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    static final class TooLarge implements ExceptionHandler<ContentLengthExceededException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, ContentLengthExceededException e) {
            return HttpResponse.<ErrorBody>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                    .body(ErrorBody.of("the upload is too large: " + e.getMessage()));
        }
    }

    /**
     * Anything unforeseen: a neutral message and a reference to the log entry with the stack trace. Two things that
     * are the client's doing are not: a form the multipart decoder cannot read is 400, and an upload the client cut
     * short is one line in the log (nobody is left to answer).
     */
    @Singleton
    static final class Unexpected implements ExceptionHandler<Exception, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof HttpPostRequestDecoder.ErrorDataDecoderException form) {
                    return HttpResponse.badRequest(ErrorBody.of(malformedForm(form)));
                }
                if (cause instanceof java.io.EOFException || cause instanceof java.nio.channels.ClosedChannelException
                        || cause instanceof io.netty.handler.codec.PrematureChannelClosureException) {
                    LOG.info("{} {}: the client closed the connection before its request was complete",
                            request.getMethod(), request.getPath());
                    return HttpResponse.badRequest(ErrorBody.of("the request was cut short"));
                }
            }
            return internal(request, e);
        }

        private static String malformedForm(HttpPostRequestDecoder.ErrorDataDecoderException e) {
            String detail = String.valueOf(e.getMessage());
            return detail.contains("nameAttribute") ? FormPart.NAMELESS
                    : "the form cannot be read: it is not well-formed multipart/form-data";
        }
    }

    /**
     * The framework's own errors (no such route, wrong method or media type, unreadable parameter) in the same
     * shape as the service's.
     */
    @Singleton
    @Replaces(HateoasErrorResponseProcessor.class)
    static final class Framework implements ErrorResponseProcessor<ErrorBody> {
        @Override
        @SuppressWarnings("unchecked")
        public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
            if (context.getRequest().getMethod() == HttpMethod.HEAD) {
                return (MutableHttpResponse<ErrorBody>) response;
            }
            String message = context.getErrors().isEmpty() ? response.reason()
                    : context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(ErrorBody.of(message));
        }
    }

    private static HttpResponse<ErrorBody> internal(HttpRequest<?> request, Exception e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("{} {} failed (reference {})", request.getMethod(), request.getPath(), reference, e);
        return HttpResponse.<ErrorBody>serverError().body(ErrorBody.of("internal error (reference " + reference
                + "); the server log has the details"));
    }
}
