package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import dev.nst.http.ServerTest;
import dev.nst.http.TestImages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every endpoint of {@code /api/transfers} and its answers, through the real HTTP client and the real CPU backend. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransfersApiTest extends ServerTest {

    @Inject
    @Client("/")
    HttpClient http;

    private Api api() {
        return new Api(http);
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("nst.limits.max-upload-size", "1MB");
    }

    @Test
    void aSubmittedTransferIsQueuedRunsAndLeavesAPng() {
        Answer submitted = api().submit(Api.tinyTransfer(3));

        assertThat(submitted.status()).isEqualTo(202);
        String id = (String) submitted.get("id");
        assertThat(submitted.get("status")).isEqualTo("QUEUED");
        assertThat(submitted.header("Location")).contains("/api/transfers/" + id);
        assertThat(submitted.get("iterations")).isEqualTo(3);
        assertThat(submitted.get("weights")).isEqualTo("random:0");
        assertThat(submitted.get("createdAt")).asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        Answer done = api().awaitFinished(id);
        assertThat(done.get("status")).isEqualTo("SUCCEEDED");
        assertThat(done.get("iteration")).isEqualTo(3);
        assertThat(done.get("loss")).isInstanceOf(Number.class);
        assertThat(done.get("losses")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("content", "style", "tv", "total");
        assertThat(done.get("backend")).asString().startsWith("cpu");
        assertThat(done.json()).containsKeys("finishedAt", "expiresAt").doesNotContainKey("error");

        Answer result = api().get("/api/transfers/" + id + "/result");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type")).contains("image/png");
        BufferedImage image = TestImages.read(result.body());
        assertThat(image.getWidth()).isEqualTo(32);
        assertThat(image.getHeight()).isEqualTo(26);
        assertThat(api().get("/api/transfers/" + id + "/preview").body()).isEqualTo(result.body());
    }

    @Test
    void aRunningTransferHasAPreviewButNoResultAndStopsWhenCancelled() {
        String id = (String) api().submit(Api.tinyTransfer(2000)).get("id");
        assertThat(api().awaitStatus(id, "RUNNING").get("status")).isEqualTo("RUNNING");

        Answer result = api().get("/api/transfers/" + id + "/result");
        assertThat(result.status()).isEqualTo(409);
        assertThat(result.get("error")).asString().contains("RUNNING");
        Answer preview = awaitPreview(id);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.header("Content-Type")).contains("image/png");
        assertThat(preview.header("X-Iteration")).isPresent();
        assertThat(TestImages.read(preview.body()).getWidth()).isEqualTo(32);

        Answer cancelled = api().delete("/api/transfers/" + id);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.get("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.get("error")).asString().startsWith("cancelled at iteration");
        assertThat((Integer) cancelled.get("iteration")).isLessThan(2000);
        assertThat(api().get("/api/transfers/" + id).get("status")).isEqualTo("CANCELLED");

        Answer again = api().delete("/api/transfers/" + id);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.get("error")).asString().contains("already finished");
        assertThat(api().get("/api/transfers/" + id + "/result").status()).isEqualTo(409);
    }

    @Test
    void unknownIdsAre404WithAMessage() {
        for (String path : new String[] {"", "/result", "/preview", "/events"}) {
            Answer answer = api().get("/api/transfers/no-such-job" + path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.get("error")).as(path).asString().contains("no transfer with id 'no-such-job'");
        }
        assertThat(api().delete("/api/transfers/no-such-job").status()).isEqualTo(404);
    }

    @Test
    void aHugeImageIsRefusedFromItsHeader() {
        Answer answer = api().submit(MultipartBody.builder()
                .addPart("content", "bomb.png", MediaType.IMAGE_PNG_TYPE, TestImages.pngHeaderOnly(30000, 30000))
                .addPart("style", "s.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, 2)));

        assertBadRequest(answer, "content", "30000x30000 px", "8192 px per side");
    }

    @Test
    void tooManyPixelsAreRefusedFromTheHeader() {
        Answer answer = api().submit(MultipartBody.builder()
                .addPart("content", "c.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, 1))
                .addPart("style", "wide.png", MediaType.IMAGE_PNG_TYPE, TestImages.pngHeaderOnly(8000, 8000)));

        assertBadRequest(answer, "style", "style (wide.png): 8000x8000 px is 64000000 pixels", "at most 40000000");
    }

    @Test
    void brokenFilesAreRefusedNamingThePartAndTheReason() {
        byte[] png = TestImages.png(40, 40, 3);
        assertBadRequest(submitContent("notes.txt", "just some text".getBytes()), "content",
                "content (notes.txt): not an image in a supported format");
        assertBadRequest(submitContent("cut.png", TestImages.truncated(png, png.length / 2)), "content",
                "content (cut.png):");
        byte[] jpeg = TestImages.jpeg(64, 64, 3);
        assertBadRequest(submitContent("cut.jpg", TestImages.truncated(jpeg, jpeg.length * 3 / 4)), "content",
                "content (cut.jpg):", "truncated");
        byte[] noise = new byte[2000];
        new Random(4).nextBytes(noise);
        assertBadRequest(submitContent("noise.png", noise), "content", "not an image");
        assertBadRequest(submitContent("empty.png", new byte[0]), "content", "required", "empty file");
        byte[] corrupt = png.clone();
        for (int i = 60; i < corrupt.length - 20; i++) {
            corrupt[i] ^= 0x5a;
        }
        assertBadRequest(submitContent("corrupt.png", corrupt), "content", "content (corrupt.png):");
    }

    @Test
    void unknownFieldsAndBadValuesAreRefusedNamingTheField() {
        assertBadRequest(submitWith("colour", "red"), "colour", "unknown field 'colour'");
        assertBadRequest(submitWith("threads", "4"), "threads", "set by the server");
        assertBadRequest(submitWith("size", "abc"), "size", "'abc' is not a whole number");
        assertBadRequest(submitWith("size", "4096"), "size", "between 1 and 1024");
        assertBadRequest(submitWith("size", "8"), "size", "relu5_1");
        assertBadRequest(submitWith("iterations", "2001"), "iterations", "between 0 and 2000");
        assertBadRequest(submitWith("optimizer", "sgd"), "optimizer", "unknown optimizer 'sgd'");
        assertBadRequest(submitWith("tvWeight", "-1"), "tvWeight", "tvWeight must be a finite number >= 0");
        assertBadRequest(submitWith("styleWeight", "NaN"), "styleWeight", "styleWeight");
        assertBadRequest(submitWith("learningRate", "0"), "learningRate", "learningRate must be a positive number");
        assertBadRequest(submitWith("contentLayers", "relu9_9"), "contentLayers", "unknown layer 'relu9_9'");
        assertBadRequest(submitWith("pooling", "min"), "pooling", "unknown pooling 'min'");
        assertBadRequest(submitWith("seed", "1.5"), "seed", "not a whole number");
        assertBadRequest(submitWith("init", "paint"), "init", "use noise or content");
        assertBadRequest(submitWith("styleScale", "40"), "styleScale", "at most 1024");
        assertBadRequest(submitWith("styleBlend", "1,2"), "styleBlend", "2 weight(s) given for 1 style image(s)");
        assertBadRequest(submitWith("styleBlend", "0"), "styleBlend", "must not all be zero");
        assertBadRequest(submitWith("weights", "/etc/passwd"), "weights",
                "use vgg19, vgg19-torchvision or random[:SEED]");
        assertBadRequest(submitWith("weights", "random:x"), "weights", "not an integer");
        assertBadRequest(api().submit(Api.tinyTransfer(1).addPart("size", "32")), "size", "given 2 times");
    }

    @Test
    void missingAndMisplacedImagesAreRefused() {
        assertBadRequest(api().submit(MultipartBody.builder()
                .addPart("style", "s.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, 2))), "content", "required");
        assertBadRequest(api().submit(MultipartBody.builder()
                .addPart("content", "c.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, 2))), "style", "required");
        assertBadRequest(api().submit(MultipartBody.builder().addPart("content", "c.png")
                .addPart("style", "s.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, 2))), "content",
                "expected an image file");
        MultipartBody.Builder fiveStyles = Api.tinyTransfer(1);
        for (int i = 0; i < 4; i++) {
            fiveStyles.addPart("style", "s" + i + ".png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, i));
        }
        assertBadRequest(api().submit(fiveStyles), "style", "5 style images given", "at most 4");
        assertBadRequest(api().submit(Api.images().addPart("size", "x.txt", "32".getBytes())), "size",
                "expected a text field");
    }

    @Test
    void everyOptionOfTheCliIsAccepted() {
        Answer answer = api().submit(MultipartBody.builder()
                .addPart("content", "c.jpg", MediaType.IMAGE_JPEG_TYPE, TestImages.jpeg(48, 40, 1))
                .addPart("style", "a.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, 2))
                .addPart("style", "b.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(40, 24, 3))
                .addPart("init", "i.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(20, 20, 4))
                .addPart("size", "32").addPart("iterations", "2").addPart("optimizer", "adam")
                .addPart("learningRate", "5").addPart("contentWeight", "3").addPart("styleWeight", "50")
                .addPart("tvWeight", "0.01").addPart("contentLayers", "relu2_2")
                .addPart("styleLayers", "relu1_1,relu2_1").addPart("seed", "7").addPart("pooling", "avg")
                .addPart("styleScale", "0.75").addPart("styleBlend", "2,1").addPart("weights", "random:3"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        assertThat(answer.get("weights")).isEqualTo("random:3");
        assertThat(api().awaitFinished((String) answer.get("id")).get("status")).isEqualTo("SUCCEEDED");
        Answer contentInit = api().submit(Api.tinyTransfer(1).addPart("init", "content"));
        assertThat(api().awaitFinished((String) contentInit.get("id")).get("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void anUploadOverTheLimitIs413() {
        byte[] large = new byte[1_200_000];
        new Random(5).nextBytes(large);
        Answer answer = submitContent("large.png", large);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.get("error")).asString().contains("too large");
        assertNoInternals(answer);
    }

    @Test
    void otherRequestsGetTheSameErrorShape() {
        Answer json = api().send(HttpRequest.POST("/api/transfers", "{}").contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.get("error")).asString().contains("multipart/form-data");

        Answer nowhere = api().get("/api/nowhere");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.json()).containsKey("error");
        assertThat(api().send(HttpRequest.PUT("/api/transfers/x", "")).status())
                .isEqualTo(405);
    }

    @Test
    void limitsAreAnnounced() {
        Answer limits = api().get("/api/limits");

        assertThat(limits.status()).isEqualTo(200);
        assertThat(limits.json()).containsEntry("maxSize", 1024).containsEntry("maxIterations", 2000)
                .containsEntry("maxStyles", 4).containsEntry("maxSide", 8192).containsEntry("maxPixels", 40000000)
                .containsEntry("maxUploadBytes", 1048576).containsEntry("defaultWeights", "random");
    }

    private Answer awaitPreview(String id) {
        long deadline = System.nanoTime() + Api.PATIENCE.toNanos();
        Answer preview = api().get("/api/transfers/" + id + "/preview");
        while (preview.status() != 200 && System.nanoTime() < deadline) {
            preview = api().get("/api/transfers/" + id + "/preview");
        }
        return preview;
    }

    private Answer submitContent(String name, byte[] bytes) {
        return api().submit(MultipartBody.builder()
                .addPart("content", name, MediaType.APPLICATION_OCTET_STREAM_TYPE, bytes)
                .addPart("style", "s.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, 2))
                .addPart("size", "32"));
    }

    private Answer submitWith(String field, String value) {
        MultipartBody.Builder form = Api.images().addPart(field, value);
        if (!field.equals("size")) {
            form.addPart("size", "32");
        }
        if (!field.equals("iterations")) {
            form.addPart("iterations", "1");
        }
        return api().submit(form);
    }

    static void assertBadRequest(Answer answer, String field, String... messageParts) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.get("field")).as(answer.text()).isEqualTo(field);
        assertThat(answer.get("error")).as(answer.text()).asString().contains(messageParts);
        assertNoInternals(answer);
    }

    static void assertNoInternals(Answer answer) {
        assertThat(answer.text()).doesNotContain("Exception", "\tat ", "dev.nst.", "io.micronaut.");
    }
}
