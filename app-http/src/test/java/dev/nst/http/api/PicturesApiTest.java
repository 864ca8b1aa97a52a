package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.RgbImage;
import dev.nst.core.image.ImageFiles;
import dev.nst.core.image.ImageInfo;
import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import dev.nst.http.ServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service reads pictures as the CLI does: every format, upright, in sRGB, transparency carried to the result. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PicturesApiTest extends ServerTest {

    @Inject
    @Client("/")
    HttpClient http;

    @TempDir
    Path dir;

    private static byte[] fixture(String name) {
        try (InputStream in = PicturesApiTest.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One iteration on shallow layers: the fixtures are 16 x 10. */
    private static MultipartBody.Builder transfer(String content, String style) {
        return MultipartBody.builder()
                .addPart("content", content, MediaType.APPLICATION_OCTET_STREAM_TYPE, fixture(content))
                .addPart("style", style, MediaType.APPLICATION_OCTET_STREAM_TYPE, fixture(style))
                .addPart("size", "16").addPart("iterations", "1").addPart("contentLayers", "relu1_1")
                .addPart("styleLayers", "relu1_1").addPart("weights", "random:1");
    }

    private RgbImage resultOf(Answer submitted) throws IOException {
        Api api = new Api(http);
        Answer done = api.awaitFinished((String) submitted.get("id"));
        assertThat(done.get("status")).as(done.text()).isEqualTo("SUCCEEDED");
        byte[] png = api.get("/api/transfers/" + submitted.get("id") + "/result").body();
        Path file = dir.resolve(submitted.get("id") + ".png");
        Files.write(file, png);
        return ImageFiles.read(file);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lossless.webp", "alpha.webp", "lzw.tif", "rgb16.tif", "cmyk.jpg", "wide-gamut.png"})
    void everyFormatIsAccepted(String name) throws IOException {
        Answer submitted = new Api(http).submit(transfer(name, name));

        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
        assertThat(resultOf(submitted).width()).isEqualTo(16);
    }

    @Test
    void aSidewaysPhonePhotoIsTurnedUprightAndItsHeaderSizeIsTheUprightOne() throws IOException {
        MultipartBody.Builder form = MultipartBody.builder()
                .addPart("content", "phone.jpg", MediaType.IMAGE_JPEG_TYPE, fixture("phone-6.jpg"))
                .addPart("style", "s.png", MediaType.IMAGE_PNG_TYPE, fixture("rgb8.png"))
                .addPart("size", "64").addPart("iterations", "1").addPart("contentLayers", "relu1_1")
                .addPart("styleLayers", "relu1_1").addPart("weights", "random:1");

        RgbImage result = resultOf(new Api(http).submit(form));

        assertThat(result.width()).isEqualTo(38);
        assertThat(result.height()).isEqualTo(64);
    }

    @Test
    void aTransparentContentGivesATransparentResultThatSaysHowItWasMade() throws IOException {
        Answer submitted = new Api(http).submit(transfer("rgba.png", "rgb8.png"));
        RgbImage result = resultOf(submitted);
        Path file = dir.resolve(submitted.get("id") + ".png");

        assertThat(result.hasAlpha()).isTrue();
        ImageInfo info = ImageFiles.info(file);
        assertThat(info.text().get("Software")).startsWith("nst ");
        assertThat(info.text().get("Description")).startsWith("POST /api/transfers size=16 iterations=1 optimizer=lbfgs")
                .contains("contentLayers=relu1_1", "weights=random:1").doesNotContain("rgba.png");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"corrupt.webp", "truncated.webp", "corrupt.tif", "truncated.tif"})
    void aBrokenWebpOrTiffIsRefusedNamingThePart(String name) {
        Answer answer = new Api(http).submit(transfer(name, "rgb8.png"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.get("field")).isEqualTo("content");
        assertThat(answer.get("error")).asString().startsWith("content (" + name + "): ");
    }

    @Test
    void aThumbnailIsThePictureAsNstReadsItSmall() throws IOException {
        MultipartBody form = MultipartBody.builder()
                .addPart("image", "turned.tif", MediaType.APPLICATION_OCTET_STREAM_TYPE, fixture("orientation-6.tif"))
                .build();

        Answer answer = new Api(http).send(HttpRequest.POST("/api/thumbnails", form)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/png"));
        Path file = dir.resolve("thumb.png");
        Files.write(file, answer.body());
        RgbImage thumbnail = ImageFiles.read(file);
        assertThat(thumbnail.width()).isEqualTo(16);
        assertThat(thumbnail.height()).isEqualTo(10);
        assertThat(thumbnail.sample(0, 15, 0)).isGreaterThan(thumbnail.sample(0, 0, 0));
    }

    @Test
    void aThumbnailOfSomethingThatIsNoPictureIsRefused() {
        MultipartBody form = MultipartBody.builder()
                .addPart("image", "notes.txt", MediaType.TEXT_PLAIN_TYPE, "not a picture".getBytes()).build();

        Answer answer = new Api(http).send(HttpRequest.POST("/api/thumbnails", form)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.get("field")).isEqualTo("image");
        assertThat(answer.get("error")).asString().contains("not an image in a supported format");
    }
}
