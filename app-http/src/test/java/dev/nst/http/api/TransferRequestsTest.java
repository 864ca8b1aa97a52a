package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.color.ColorMode;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.http.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a request into a command: the CLI's defaults, this server's limits, images shrunk as the core would. */
class TransferRequestsTest {

    private static final RequestLimits LIMITS = new RequestLimits(20_000_000, 40_000_000, 8192, 1024, 2000, 4, 1);
    private final TransferRequests requests = new TransferRequests(LIMITS, WeightsSpec.parse("vgg19"));

    private static List<FormPart> images(int contentWidth, int contentHeight) {
        List<FormPart> parts = new ArrayList<>();
        parts.add(FormPart.file("content", "c.png", TestImages.png(contentWidth, contentHeight, 1)));
        parts.add(FormPart.file("style", "s.png", TestImages.png(64, 48, 2)));
        return parts;
    }

    @Test
    void fieldsLeftOutTakeTheCliDefaults() {
        TransferStyleCommand command = requests.parse(images(600, 300));

        TransferSettings settings = command.settings();
        assertThat(settings.size()).isEqualTo(512);
        assertThat(settings.iterations()).isEqualTo(1000);
        assertThat(settings.optimizer()).isEqualTo(OptimizerKind.LBFGS);
        assertThat(settings.lossWeights()).as("left to the weights' recommendation").isEqualTo(LossWeightOverrides.NONE);
        assertThat(settings.pooling()).isEqualTo(Pooling.MAX);
        assertThat(settings.weights()).isEqualTo(WeightsSpec.parse("vgg19"));
        assertThat(settings.styleLayers()).isEqualTo(TransferSettings.DEFAULT_STYLE_LAYERS);
        assertThat(command.initialImage()).isInstanceOf(InitialImage.Noise.class);
    }

    @Test
    void masksArePairedWithTheStylesByOrderAndBroughtToTheContentsSize() {
        List<FormPart> parts = images(300, 200);
        parts.add(FormPart.file("styleMask", "m.png", TestImages.png(10, 10, 5)));
        parts.add(FormPart.file("contentMask", "c.png", TestImages.png(7, 9, 6)));
        parts.add(FormPart.text("size", "60"));
        parts.add(FormPart.text("colors", "luminance"));
        parts.add(FormPart.text("styleLayerWeights", "1,2,3,4,5"));
        parts.add(FormPart.text("normalizeGradients", "true"));

        TransferStyleCommand command = requests.parse(parts);

        assertThat(command.masked()).isTrue();
        assertThat(command.styles().get(0).mask().orElseThrow().width()).isEqualTo(60);
        assertThat(command.styles().get(0).mask().orElseThrow().height()).isEqualTo(40);
        assertThat(command.contentMask().orElseThrow().width()).isEqualTo(60);
        assertThat(command.settings().colors()).isEqualTo(ColorMode.LUMINANCE);
        assertThat(command.settings().styleLayerWeights()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(command.settings().normalizeGradients()).isTrue();
    }

    @Test
    void imagesAreShrunkToWhatTheTransferUsesAsTheCoreWould() {
        List<FormPart> parts = images(300, 200);
        parts.add(FormPart.file("init", "i.png", TestImages.png(50, 50, 3)));
        parts.add(FormPart.text("size", "60"));
        parts.add(FormPart.text("styleScale", "0.5"));

        TransferStyleCommand command = requests.parse(parts);

        assertThat(command.content().width()).isEqualTo(60);
        assertThat(command.content().height()).isEqualTo(40);
        assertThat(command.content()).isEqualTo(
                dev.nst.core.image.ImageFiles.decode(TestImages.png(300, 200, 1), "c", 1_000_000).resizeLongestSide(60));
        assertThat(command.styles().get(0).image().longestSide()).isEqualTo(30);
        assertThat(((InitialImage.Picture) command.initialImage()).image().width()).isEqualTo(60);
        assertThat(((InitialImage.Picture) command.initialImage()).image().height()).isEqualTo(40);
    }

    @Test
    void everyFieldReachesTheSettings() {
        List<FormPart> parts = images(64, 64);
        parts.add(FormPart.file("style", "t.png", TestImages.png(40, 40, 4)));
        for (String[] field : new String[][] {{"size", "48"}, {"iterations", "7"}, {"optimizer", "adam"},
                {"learningRate", "2.5"}, {"contentWeight", "1"}, {"styleWeight", "20"}, {"tvWeight", "0"},
                {"contentLayers", "relu3_1"}, {"styleLayers", "relu1_1, relu2_1"}, {"seed", "42"},
                {"pooling", "avg"}, {"styleScale", "1.5"}, {"styleBlend", "3,1"}, {"weights", "random:9"},
                {"init", "content"}}) {
            parts.add(FormPart.text(field[0], field[1]));
        }

        TransferStyleCommand command = requests.parse(parts);

        TransferSettings s = command.settings();
        assertThat(List.of(s.size(), s.iterations())).containsExactly(48, 7);
        assertThat(s.optimizer()).isEqualTo(OptimizerKind.ADAM);
        assertThat(s.effectiveLearningRate()).isEqualTo(2.5);
        assertThat(s.lossWeights()).isEqualTo(LossWeightOverrides.of(new dev.nst.core.domain.LossWeights(1, 20, 0)));
        assertThat(s.contentLayers()).containsExactly(VggLayer.RELU3_1);
        assertThat(s.styleLayers()).containsExactly(VggLayer.RELU1_1, VggLayer.RELU2_1);
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.pooling()).isEqualTo(Pooling.AVG);
        assertThat(s.styleSize()).isEqualTo(72);
        assertThat(command.styles()).extracting(StyleImage::blendWeight).containsExactly(0.75, 0.25);
        assertThat(TransferRequests.describeWeights(s)).isEqualTo("random:9");
        assertThat(command.initialImage()).isInstanceOf(InitialImage.Content.class);
    }

    @Test
    void onlyTheLossWeightsGivenAreFixedTheOthersFollowTheNetworkWeights() {
        List<FormPart> parts = images(64, 64);
        parts.add(FormPart.text("styleWeight", "1e4"));

        TransferSettings s = requests.parse(parts).settings();

        assertThat(s.lossWeights()).isEqualTo(LossWeightOverrides.NONE.withStyleWeight(1e4));
    }

    @Test
    void aNegativeLossWeightIsRefusedNamingItsField() {
        List<FormPart> parts = images(64, 64);
        parts.add(FormPart.text("tvWeight", "-1"));

        assertThatThrownBy(() -> requests.parse(parts))
                .isInstanceOfSatisfying(FieldException.class, e -> assertThat(e.field()).isEqualTo("tvWeight"))
                .hasMessage("tvWeight must be a finite number >= 0, got -1.0");
    }

    @Test
    void blankFieldsCountAsNotGiven() {
        List<FormPart> parts = images(64, 64);
        parts.add(FormPart.text("size", "  "));
        parts.add(FormPart.text("learningRate", ""));

        assertThat(requests.parse(parts).settings().size()).isEqualTo(512);
    }

    @Test
    void aRandomSeedlessWeightsSpecIsDescribedWithTheRunsSeed() {
        List<FormPart> parts = images(64, 64);
        parts.add(FormPart.text("weights", "random"));
        parts.add(FormPart.text("seed", "5"));

        assertThat(TransferRequests.describeWeights(requests.parse(parts).settings())).isEqualTo("random:5");
    }

    @Test
    void aServerWeightsFileIsNamedWithoutItsFolder() {
        assertThat(TransferRequests.publicName(new WeightsSpec.File(Path.of("/srv/secret/vgg.h5")))).isEqualTo("vgg.h5");
    }

    @Test
    void anElongatedImageTooThinForTheDeepestLayerIsRefusedBeforeItIsQueued() {
        List<FormPart> parts = images(400, 10);
        parts.add(FormPart.text("size", "64"));

        assertThatThrownBy(() -> requests.parse(parts)).isInstanceOf(FieldException.class)
                .hasMessageContaining("content (c.png): 64x2 px after resizing to size 64; layer relu5_1 needs at least 16")
                .satisfies(e -> assertThat(((FieldException) e).field()).isEqualTo("content"));
    }

    @Test
    void valuesQuotedBackAreShortAndPrintable() {
        List<FormPart> longValue = images(64, 64);
        longValue.add(FormPart.text("optimizer", "x".repeat(5000)));
        assertThatThrownBy(() -> requests.parse(longValue)).isInstanceOf(FieldException.class)
                .hasMessage("optimizer: the value is 5000 bytes long; at most 512 are taken");

        List<FormPart> oddValue = images(64, 64);
        oddValue.add(FormPart.text("size", "1\u0000" + "9".repeat(100)));
        assertThatThrownBy(() -> requests.parse(oddValue)).isInstanceOf(FieldException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(100).doesNotContain("\u0000"));
    }
}
