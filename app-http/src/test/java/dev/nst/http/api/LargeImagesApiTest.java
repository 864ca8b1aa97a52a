package dev.nst.http.api;

import static dev.nst.http.api.TransfersApiTest.assertBadRequest;
import static dev.nst.http.api.TransfersApiTest.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.image.ImageFiles;
import dev.nst.core.image.ImageInfo;
import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import dev.nst.http.ServerTest;
import dev.nst.http.TestImages;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stages, tiles and the memory plan through the real server and CPU backend: {@code scales} with iterations per stage,
 * {@code tileSize} and {@code lbfgsHistory}, and a job the server's memory can never hold refused with 400 naming what
 * would fit (the jobs' memory is limited to 1 GB here).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeImagesApiTest extends ServerTest {

    @Inject
    @Client("/")
    HttpClient http;

    @TempDir
    Path dir;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("nst.http.max-memory", "1GB");
    }

    private static MultipartBody.Builder transfer() {
        return transfer("adam");
    }

    private static MultipartBody.Builder transfer(String optimizer) {
        return MultipartBody.builder()
                .addPart("content", "photo.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(40, 32, 1))
                .addPart("style", "a.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, 2))
                .addPart("optimizer", optimizer)
                .addPart("contentLayers", "relu2_1").addPart("styleLayers", "relu1_1,relu2_1");
    }

    @Test
    void aTransferInStagesReportsEachStageAndRecordsItsScales() throws IOException {
        Api api = new Api(http);
        Answer submitted = api.submit(transfer().addPart("scales", "16,32").addPart("iterations", "2,3")
                .addPart("tileSize", "off"));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
        assertThat(submitted.get("iterations")).isEqualTo(2);

        Answer done = api.awaitFinished((String) submitted.get("id"));

        assertThat(done.get("status")).as(done.text()).isEqualTo("SUCCEEDED");
        assertThat(done.get("stage")).isEqualTo(Map.of("index", 2, "count", 2, "size", 32));
        assertThat(done.get("iterations")).isEqualTo(3);
        Path result = dir.resolve("staged.png");
        Files.write(result, api.get("/api/transfers/" + submitted.get("id") + "/result").body());
        ImageInfo info = ImageFiles.info(result);
        assertThat(info.stored().width()).isEqualTo(32);
        assertThat(info.text().get("Description")).contains("size=32 scales=16,32 iterations=2,3 optimizer=adam",
                "tileSize=off");
    }

    @Test
    void theLbfgsHistoryAndTileSizeAreRequestParts() throws IOException {
        Api api = new Api(http);
        Answer submitted = api.submit(transfer("lbfgs").addPart("size", "32").addPart("iterations", "2")
                .addPart("lbfgsHistory", "5").addPart("tileSize", "16"));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);

        Answer done = api.awaitFinished((String) submitted.get("id"));

        assertThat(done.get("status")).as(done.text()).isEqualTo("SUCCEEDED");
        Path result = dir.resolve("history.png");
        Files.write(result, api.get("/api/transfers/" + submitted.get("id") + "/result").body());
        assertThat(ImageFiles.info(result).text().get("Description")).contains("lbfgsHistory=5", "tileSize=16");
    }

    @Test
    void aTransferThatCanNeverFitTheServerIsRefusedNamingWhatWould() {
        Answer refused = new Api(http).submit(transfer("lbfgs").addPart("size", "1024").addPart("iterations", "500")
                .addPart("lbfgsHistory", "100").addPart("tileSize", "off"));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat((String) refused.get("error")).startsWith("not enough memory: the transfer needs about ")
                .contains("at 1024x819 px, but ").contains("try ").contains("size ").doesNotContain("--");
        assertNoInternals(refused);
    }

    @Test
    void badStageTileAndHistoryValuesAreRefusedNamingThePart() {
        Api api = new Api(http);
        assertBadRequest(api.submit(transfer().addPart("scales", "32,16")), "scales", "sizes must increase");
        assertBadRequest(api.submit(transfer().addPart("size", "64").addPart("scales", "16,32")), "scales",
                "scales: the last size is the output's, 64 px; got 16,32");
        assertBadRequest(api.submit(transfer().addPart("size", "32").addPart("iterations", "1,2")), "iterations",
                "give one number, or one per stage");
        assertBadRequest(api.submit(transfer().addPart("scales", "16,32").addPart("iterations", "5,99999")),
                "iterations", "each stage's must be between 0 and 2000 on this server, got 99999");
        assertBadRequest(api.submit(transfer().addPart("tileSize", "tiny")), "tileSize", "use auto, off or a number");
        assertBadRequest(api.submit(transfer().addPart("lbfgsHistory", "0")), "lbfgsHistory",
                "lbfgsHistory must be between 1 and 10000, got 0");
    }
}
