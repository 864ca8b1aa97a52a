package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import dev.nst.http.ServerTest;
import dev.nst.weights.WeightsRepository;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The published VGG19 weights are the default but not installed: a transfer that needs them is refused with 503
 * (the server paths stay in the log), and one that asks for random weights runs.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeightsUnavailableApiTest extends ServerTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("nst.weights", "vgg19", "nst.home", dataDir.resolve("home").toString());
    }

    @Test
    void aTransferNeedingMissingWeightsIs503AndRandomWeightsStillRun() {
        assumeFalse(Files.exists(Path.of(System.getProperty("user.home"), ".keras", "models",
                WeightsRepository.VGG19_FILE)), "the VGG19 weights are installed in Keras' cache on this machine");
        Api api = new Api(http);

        Answer refused = api.submit(Api.tinyTransfer(1));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.get("error")).asString().contains("vgg19 weights are not available", "weights=random")
                .doesNotContain(dataDir.toString());

        Answer accepted = api.submit(Api.tinyTransfer(1).addPart("weights", "random"));
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(api.awaitFinished((String) accepted.get("id")).get("status")).isEqualTo("SUCCEEDED");
    }
}
