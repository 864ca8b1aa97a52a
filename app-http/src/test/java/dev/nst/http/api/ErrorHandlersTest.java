package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.TransferFailedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What no test through HTTP can provoke: an unforeseen failure becomes a neutral 500, its details stay in the log. */
class ErrorHandlersTest {

    @Test
    void anUnexpectedFailureIsA500WithoutItsDetails() {
        HttpResponse<ErrorBody> answer = new ErrorHandlers.Unexpected()
                .handle(HttpRequest.GET("/api/transfers/x"), new IllegalStateException("secret /srv/path"));

        assertThat(answer.getStatus().getCode()).isEqualTo(500);
        assertThat(answer.body().error()).startsWith("internal error (reference ").doesNotContain("secret", "Exception");
        assertThat(answer.body().field()).isNull();
    }

    @Test
    void aCoreFailureThatIsNotTheClientsFaultIsA500Too() {
        HttpResponse<ErrorBody> answer = new ErrorHandlers.Core()
                .handle(HttpRequest.GET("/"), new TransferFailedException("cannot write /srv/x"));

        assertThat(answer.getStatus().getCode()).isEqualTo(500);
        assertThat(answer.body().error()).doesNotContain("/srv/x");
    }
}
