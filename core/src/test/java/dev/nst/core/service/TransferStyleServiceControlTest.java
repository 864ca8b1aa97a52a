package dev.nst.core.service;

import static dev.nst.core.service.TransferFixture.CONTENT_LAYERS;
import static dev.nst.core.service.TransferFixture.HEIGHT;
import static dev.nst.core.service.TransferFixture.STYLE_LAYERS;
import static dev.nst.core.service.TransferFixture.TINY_WEIGHTS;
import static dev.nst.core.service.TransferFixture.WEIGHTS;
import static dev.nst.core.service.TransferFixture.WIDTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.color.ColorMatching;
import dev.nst.core.domain.color.ColorMode;
import dev.nst.core.domain.color.ColorStatistics;
import dev.nst.core.domain.color.LuminanceTransfer;
import dev.nst.core.domain.color.Yuv;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.Stage;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.service.TransferFixture.RecordingListener;
import dev.nst.core.testing.ReferenceBackend;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Control of Gatys et al. 2017 through the whole service: the loss at iteration 0 against the exact
 * definitions (computed independently), and the colours of what is shown.
 */
class TransferStyleServiceControlTest {

    private static final LossWeights ALL_TERMS = new LossWeights(5, 100, 1e-3);

    private final TransferStyleService service = new TransferStyleService(new ReferenceBackend(), TINY_WEIGHTS);
    private final RgbImage content = TransferFixture.content();
    private final RgbImage stripes = TransferFixture.stripes();
    private final RgbImage checks = TransferFixture.checks();
    private final RgbImage start = TransferFixture.picture(WIDTH, HEIGHT, (x, y) -> (x * 12) << 16 | (y * 15) << 8 | 90);

    /** White on the left, black on the right, with a soft edge; and its inverse. */
    private final RgbImage leftMask = TransferFixture.picture(40, 10, (x, y) -> grey(Math.max(0, Math.min(255,
            (int) ((26 - x) * 255 / 12.0)))));
    private final RgbImage rightMask = TransferFixture.picture(40, 10, (x, y) -> grey(Math.max(0, Math.min(255,
            (int) ((x - 14) * 255 / 12.0)))));
    private final RgbImage white = TransferFixture.picture(7, 5, (x, y) -> 0xffffff);

    @Test
    void maskedStylesAContentMaskAndLayerWeightsGiveTheLossOfTheDefinition() {
        List<Double> contentLayerWeights = List.of(2.0, 0.5);
        List<VggLayer> contentLayers = List.of(VggLayer.RELU1_2, VggLayer.RELU2_1);
        List<Double> styleLayerWeights = List.of(0.5, 3.0, 1.0);
        TransferSettings settings = TransferFixture.settings().lossWeights(ALL_TERMS).contentLayers(contentLayers)
                .contentLayerWeights(contentLayerWeights).styleLayerWeights(styleLayerWeights).build();
        List<StyleImage> styles = StyleImage.masked(List.of(stripes, checks), List.of(leftMask, rightMask));
        RecordingListener listener = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, styles, new InitialImage.Picture(start), settings,
                Optional.of(rightMask)), listener);

        LossBreakdown expected = IndependentLoss.controlled(IndependentLoss.preprocess(start), content, styles,
                List.of(leftMask, rightMask), rightMask, WEIGHTS, Pooling.MAX, ALL_TERMS, contentLayers,
                contentLayerWeights, STYLE_LAYERS, styleLayerWeights);
        assertClose(listener.first(), expected);
    }

    @Test
    void oneAllWhiteMaskGivesExactlyTheUnmaskedLoss() {
        TransferSettings settings = TransferFixture.settings().lossWeights(ALL_TERMS).iterations(2).build();
        RecordingListener masked = new RecordingListener();
        RecordingListener plain = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, List.of(StyleImage.masked(stripes, white)),
                new InitialImage.Picture(start), settings, Optional.of(white)), masked);
        service.transfer(new TransferStyleCommand(content, List.of(new StyleImage(stripes)),
                new InitialImage.Picture(start), settings), plain);

        assertThat(masked.reports).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(masked.reports.get(i).loss()).as("iteration %d", i).isEqualTo(plain.reports.get(i).loss());
        }
    }

    @Test
    void withoutMasksLayerWeightsOfOneAreTheClassicLoss() {
        TransferSettings weighted = TransferFixture.settings().lossWeights(ALL_TERMS)
                .styleLayerWeights(List.of(1.0, 1.0, 1.0)).contentLayerWeights(List.of(1.0)).build();
        RecordingListener listener = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, List.of(new StyleImage(stripes, 1), new StyleImage(checks, 3)),
                new InitialImage.Picture(start), weighted), listener);

        LossBreakdown expected = IndependentLoss.at(IndependentLoss.preprocess(start), content,
                List.of(new StyleImage(stripes, 0.25), new StyleImage(checks, 0.75)), WEIGHTS, Pooling.MAX, ALL_TERMS,
                CONTENT_LAYERS, STYLE_LAYERS);
        assertClose(listener.first(), expected);
    }

    @Test
    void aLayerOfWeightZeroContributesNothing() {
        TransferSettings settings = TransferFixture.settings().lossWeights(ALL_TERMS)
                .styleLayerWeights(List.of(0.0, 1.0, 0.0)).build();
        RecordingListener listener = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, List.of(new StyleImage(stripes)),
                new InitialImage.Picture(start), settings), listener);

        LossBreakdown expected = IndependentLoss.at(IndependentLoss.preprocess(start), content,
                List.of(new StyleImage(stripes, 1)), WEIGHTS, Pooling.MAX, ALL_TERMS, CONTENT_LAYERS,
                List.of(VggLayer.RELU2_1));
        assertThat(listener.first().style()).isCloseTo(expected.style(), within(1e-5 * expected.style()));
    }

    @Test
    void masksAreBroughtToEveryStagesSize() {
        TransferSettings settings = TransferFixture.settings().lossWeights(ALL_TERMS)
                .stages(List.of(new Stage(10, 1), new Stage(20, 1))).build();
        List<StyleImage> styles = StyleImage.masked(List.of(stripes, checks), List.of(leftMask, rightMask));
        RecordingListener listener = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, styles, new InitialImage.Picture(start), settings,
                Optional.of(leftMask)), listener);

        RgbImage small = content.resizeLongestSide(10);
        List<StyleImage> smallStyles = List.of(new StyleImage(stripes.resizeLongestSide(10)),
                new StyleImage(checks.resizeLongestSide(10)));
        LossBreakdown expected = IndependentLoss.controlled(IndependentLoss.preprocess(start.resize(10, 8)), small,
                smallStyles, List.of(leftMask, rightMask), leftMask, WEIGHTS, Pooling.MAX, ALL_TERMS, CONTENT_LAYERS,
                List.of(1.0), STYLE_LAYERS, List.of(1.0, 1.0, 1.0));
        assertClose(listener.first(), expected);
        assertThat(listener.reports).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(value = ColorMode.class, names = {"ORIGINAL", "LUMINANCE"})
    void theResultAndEveryPreviewHaveTheContentsChrominanceWithinOneLevel(ColorMode mode) {
        TransferSettings settings = TransferFixture.settings().lossWeights(ALL_TERMS).colors(mode)
                .optimizer(OptimizerKind.ADAM).learningRate(10).iterations(4).build();
        RecordingListener listener = new RecordingListener();

        TransferResult result = service.transfer(new TransferStyleCommand(content, List.of(new StyleImage(stripes)),
                new InitialImage.Noise(), settings), listener);

        assertChrominanceWithinOneLevel(result.image(), content);
        listener.reports.forEach(report -> assertChrominanceWithinOneLevel(report.image(), content));
    }

    @Test
    void inStyleColoursTheResultTakesTheStylesColours() {
        TransferSettings settings = TransferFixture.settings().lossWeights(new LossWeights(0, 100, 0))
                .optimizer(OptimizerKind.ADAM).learningRate(10).iterations(4).build();

        TransferResult result = service.transfer(new TransferStyleCommand(content, List.of(new StyleImage(stripes)),
                new InitialImage.Noise(), settings), progress -> { });

        float[] actual = Yuv.toYuv(saved(result.image()));
        float[] expected = Yuv.toYuv(content);
        double differences = 0;
        for (int i = WIDTH * HEIGHT; i < actual.length; i++) {
            differences += Math.abs(actual[i] - expected[i]);
        }
        assertThat(differences / (2 * WIDTH * HEIGHT)).as("mean chrominance difference").isGreaterThan(5);
    }

    @Test
    void luminanceTransferOptimisesAgainstTheGreyContentAndStylesMatchedToItsLuminance() {
        TransferSettings settings = TransferFixture.settings().lossWeights(ALL_TERMS).colors(ColorMode.LUMINANCE)
                .build();
        RecordingListener listener = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, List.of(new StyleImage(stripes)),
                new InitialImage.Picture(start), settings), listener);

        RgbImage greyContent = LuminanceTransfer.grey(content);
        RgbImage matchedStyle = LuminanceTransfer.matched(stripes, LuminanceTransfer.LumaStatistics.of(content));
        LossBreakdown expected = IndependentLoss.at(IndependentLoss.preprocess(LuminanceTransfer.grey(start)),
                greyContent, List.of(new StyleImage(matchedStyle, 1)), WEIGHTS, Pooling.MAX, ALL_TERMS, CONTENT_LAYERS,
                STYLE_LAYERS);
        assertClose(listener.first(), expected);
    }

    @Test
    void histogramMatchingCapturesTheStyleTargetsFromTheRecolouredStyle() {
        TransferSettings settings = TransferFixture.settings().lossWeights(ALL_TERMS).colors(ColorMode.HISTOGRAM)
                .build();
        RecordingListener listener = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, List.of(new StyleImage(stripes, 1), new StyleImage(checks, 1)),
                new InitialImage.Picture(start), settings), listener);

        ColorStatistics photo = ColorStatistics.of(content);
        LossBreakdown expected = IndependentLoss.at(IndependentLoss.preprocess(start), content,
                List.of(new StyleImage(ColorMatching.recolour(stripes, photo), 0.5),
                        new StyleImage(ColorMatching.recolour(checks, photo), 0.5)),
                WEIGHTS, Pooling.MAX, ALL_TERMS, CONTENT_LAYERS, STYLE_LAYERS);
        assertClose(listener.first(), expected);
    }

    @Test
    void normalisedGradientsStillReportTheSameLoss() {
        TransferSettings plain = TransferFixture.settings().lossWeights(ALL_TERMS).build();
        TransferSettings normalised = TransferFixture.settings().lossWeights(ALL_TERMS).normalizeGradients(true)
                .build();
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, List.of(new StyleImage(stripes)),
                new InitialImage.Picture(start), plain), a);
        service.transfer(new TransferStyleCommand(content, List.of(new StyleImage(stripes)),
                new InitialImage.Picture(start), normalised), b);

        assertThat(b.first()).isEqualTo(a.first());
    }

    private static void assertChrominanceWithinOneLevel(RgbImage image, RgbImage content) {
        float[] actual = Yuv.toYuv(saved(image));
        float[] expected = Yuv.toYuv(content.resize(image.width(), image.height()));
        int n = image.width() * image.height();
        for (int i = n; i < 3 * n; i++) {
            assertThat(actual[i]).as("%s at pixel %d", i < 2 * n ? "U" : "V", i % n).isCloseTo(expected[i],
                    within(1f));
        }
    }

    /** The picture as an 8-bit file would hold it. */
    private static RgbImage saved(RgbImage image) {
        return RgbImage.ofPackedRgb(image.width(), image.height(), image.toPackedRgb());
    }

    private static int grey(int v) {
        return v << 16 | v << 8 | v;
    }

    private static void assertClose(LossBreakdown actual, LossBreakdown expected) {
        assertThat(expected.content()).isPositive();
        assertThat(expected.style()).isPositive();
        assertThat(actual.content()).as("content loss").isCloseTo(expected.content(), within(1e-5 * expected.content()));
        assertThat(actual.style()).as("style loss").isCloseTo(expected.style(), within(1e-5 * expected.style()));
        assertThat(actual.tv()).as("tv loss").isCloseTo(expected.tv(), within(1e-6 * expected.tv()));
    }
}
