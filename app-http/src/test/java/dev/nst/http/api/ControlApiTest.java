package dev.nst.http.api;

import static dev.nst.http.api.TransfersApiTest.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.color.Yuv;
import dev.nst.core.image.ImageFiles;
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
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Colours, masks and layer weights through the real server, the real CPU backend and random weights. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlApiTest extends ServerTest {

    private static final byte[] PHOTO = TestImages.png(40, 32, 1);

    @Inject
    @Client("/")
    HttpClient http;

    @TempDir
    Path dir;

    private Api api() {
        return new Api(http);
    }

    /** Three Adam steps on shallow layers, with two styles when {@code twoStyles}. */
    private static MultipartBody.Builder transfer(boolean twoStyles) {
        MultipartBody.Builder form = MultipartBody.builder()
                .addPart("content", "photo.png", MediaType.IMAGE_PNG_TYPE, PHOTO)
                .addPart("style", "a.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(32, 32, 2))
                .addPart("size", "32").addPart("iterations", "3").addPart("optimizer", "adam")
                .addPart("contentLayers", "relu2_1").addPart("styleLayers", "relu1_1,relu2_1");
        if (twoStyles) {
            form.addPart("style", "b.png", MediaType.IMAGE_PNG_TYPE, TestImages.png(24, 24, 3));
        }
        return form;
    }

    private static byte[] mask(int width, int height, boolean leftWhite) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x < width / 2) == leftWhite ? 255 : 0);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private RgbImage resultOf(Answer submitted) throws IOException {
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
        Answer done = api().awaitFinished((String) submitted.get("id"));
        assertThat(done.get("status")).as(done.text()).isEqualTo("SUCCEEDED");
        Path file = dir.resolve(submitted.get("id") + ".png");
        Files.write(file, api().get("/api/transfers/" + submitted.get("id") + "/result").body());
        return ImageFiles.read(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"original", "luminance"})
    void theResultKeepsThePhotosChrominanceWithinOneLevel(String colors) throws IOException {
        RgbImage result = resultOf(api().submit(transfer(false).addPart("colors", colors)));

        Path photo = dir.resolve("photo.png");
        Files.write(photo, PHOTO);
        float[] actual = Yuv.toYuv(result);
        float[] expected = Yuv.toYuv(ImageFiles.read(photo).resize(result.width(), result.height()));
        int n = result.width() * result.height();
        for (int i = n; i < 3 * n; i++) {
            assertThat(actual[i]).as("chrominance at %d", i).isCloseTo(expected[i], within(1f));
        }
    }

    @Test
    void masksLayerWeightsHistogramColoursAndNormalisedGradientsAreAccepted() throws IOException {
        Answer submitted = api().submit(transfer(true)
                .addPart("styleMask", "left.png", MediaType.IMAGE_PNG_TYPE, mask(10, 8, true))
                .addPart("styleMask", "right.png", MediaType.IMAGE_PNG_TYPE, mask(64, 64, false))
                .addPart("contentMask", "left.png", MediaType.IMAGE_PNG_TYPE, mask(10, 8, true))
                .addPart("colors", "histogram").addPart("styleLayerWeights", "1,0.5")
                .addPart("contentLayerWeights", "2").addPart("normalizeGradients", "on"));

        assertThat(resultOf(submitted).width()).isEqualTo(32);
    }

    @Test
    void badControlValuesAreRefusedNamingThePart() {
        assertBadRequest(api().submit(transfer(false).addPart("colors", "sepia")), "colors",
                "unknown colour mode 'sepia'; use style, original, luminance, histogram");
        assertBadRequest(api().submit(transfer(false).addPart("styleLayerWeights", "1,2,3")), "styleLayerWeights",
                "styleLayerWeights: give one weight per layer: got 3 weights for 2 layers");
        assertBadRequest(api().submit(transfer(false).addPart("contentLayerWeights", "x")), "contentLayerWeights",
                "'x' is not a number");
        assertBadRequest(api().submit(transfer(false).addPart("contentLayerWeights", "-1")), "contentLayerWeights",
                "contentLayerWeights must be finite numbers >= 0, got -1.0");
        assertBadRequest(api().submit(transfer(false).addPart("normalizeGradients", "maybe")), "normalizeGradients",
                "use true or false");
        assertBadRequest(api().submit(transfer(false).addPart("styleMask", "a mask")), "styleMask",
                "expected an image file");
        assertBadRequest(api().submit(transfer(false)
                .addPart("contentMask", "m.png", MediaType.IMAGE_PNG_TYPE, mask(4, 4, true))
                .addPart("contentMask", "m.png", MediaType.IMAGE_PNG_TYPE, mask(4, 4, true))), "contentMask",
                "given 2 times");
    }

    @Test
    void masksMustPairWithTheStylesAndCannotBeBlended() {
        assertBadRequest(api().submit(transfer(true)
                        .addPart("styleMask", "left.png", MediaType.IMAGE_PNG_TYPE, mask(10, 8, true))),
                "styleMask", "give one mask per style image, in the same order: got 1 mask for 2 style images");
        assertBadRequest(api().submit(transfer(true)
                        .addPart("styleMask", "left.png", MediaType.IMAGE_PNG_TYPE, mask(10, 8, true))
                        .addPart("styleMask", "right.png", MediaType.IMAGE_PNG_TYPE, mask(10, 8, false))
                        .addPart("styleBlend", "1,3")),
                "styleMask", "cannot be combined with styleBlend");
        assertBadRequest(api().submit(transfer(true)
                        .addPart("styleMask", "left.png", MediaType.IMAGE_PNG_TYPE, mask(10, 8, true))
                        .addPart("styleMask", "black.png", MediaType.IMAGE_PNG_TYPE, blackPng())),
                "styleMask", "the mask of style image 2 is black everywhere");
        assertBadRequest(api().submit(transfer(false)
                        .addPart("contentMask", "broken.png", MediaType.IMAGE_PNG_TYPE, new byte[] {1, 2, 3})),
                "contentMask", "contentMask (broken.png):");
    }

    private static byte[] blackPng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
