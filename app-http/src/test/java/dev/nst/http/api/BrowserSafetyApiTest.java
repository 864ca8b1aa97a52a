package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import dev.nst.http.ServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What keeps a browser from being used against the service (here without keys, as on one's own machine): the
 * security headers on every kind of answer, and state-changing requests from pages of other sites refused.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSafetyApiTest extends ServerTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        Api api = new Api(http);
        String id = (String) api.submit(Api.tinyTransfer(2)).get("id");
        api.awaitFinished(id);
        List<Answer> answers = List.of(api.get("/"), api.get("/app.js"), api.get("/style.css"),
                api.get("/api/limits"), api.get("/api/transfers/" + id), api.get("/api/transfers/" + id + "/result"),
                api.get("/api/transfers/no-such-job"), api.get("/no-such-page"), api.get("/health"),
                api.submit(Api.images().addPart("size", "-3")));
        for (Answer answer : answers) {
            assertThat(answer.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(answer.header("X-Frame-Options")).contains("DENY");
            assertThat(answer.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'"));
            assertThat(answer.header("Referrer-Policy")).contains("no-referrer");
        }
        assertThat(answers.get(5).header("Content-Type")).contains("image/png");
        assertThat(answers.get(9).status()).isEqualTo(400);
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefused() {
        Api api = new Api(http);
        Answer crossSite = api.send(HttpRequest.POST("/api/transfers", Api.tinyTransfer(1).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .header("Origin", "https://evil.example").header("Host", "nst.internal:8080"));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.get("error")).asString().startsWith("cross-site request refused")
                .contains("https://evil.example");
        assertThat(api.get("/health").json().get("jobs")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("queued", 0);

        Answer deleteFromElsewhere = api.send(HttpRequest.DELETE("/api/transfers/any")
                .header("Sec-Fetch-Site", "cross-site"));
        assertThat(deleteFromElsewhere.status()).isEqualTo(403);
        Answer opaque = api.send(HttpRequest.DELETE("/api/transfers/any").header("Origin", "null"));
        assertThat(opaque.status()).isEqualTo(403);
    }

    @Test
    void thePageOfTheServerItselfAndProgramsWithoutAnOriginMaySubmit() {
        Api api = new Api(http);
        String self = "http://nst.internal:" + server.getPort();
        Answer fromThePage = api.send(HttpRequest.POST("/api/transfers", Api.tinyTransfer(1).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .header("Origin", self).header("Host", "nst.internal:" + server.getPort())
                .header("Sec-Fetch-Site", "same-origin"));
        assertThat(fromThePage.status()).isEqualTo(202);
        Answer behindAProxy = api.send(HttpRequest.POST("/api/transfers", Api.tinyTransfer(1).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .header("Origin", "https://nst.example.com").header("X-Forwarded-Host", "nst.example.com"));
        assertThat(behindAProxy.status()).isEqualTo(202);
        Answer program = api.submit(Api.tinyTransfer(1));
        assertThat(program.status()).isEqualTo(202);
        for (Answer answer : List.of(fromThePage, behindAProxy, program)) {
            api.awaitFinished((String) answer.get("id"));
        }
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of();
    }
}
