package dev.nst.core.service;

import static dev.nst.core.service.TransferFixture.CONTENT_LAYERS;
import static dev.nst.core.service.TransferFixture.STYLE_LAYERS;
import static dev.nst.core.service.TransferFixture.TINY_WEIGHTS;
import static dev.nst.core.service.TransferFixture.WEIGHTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.service.TransferFixture.RecordingListener;
import dev.nst.core.testing.ReferenceBackend;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The loss reported at iteration 0 is the objective of the paper, computed independently. */
class TransferStyleServiceLossTest {

    private static final LossWeights WEIGHTS_OF_ALL_TERMS = new LossWeights(5, 100, 1e-3);

    private final TransferStyleService service = new TransferStyleService(new ReferenceBackend(), TINY_WEIGHTS);
    private final RgbImage content = TransferFixture.content();
    private final List<StyleImage> blend = List.of(new StyleImage(TransferFixture.stripes(), 1),
            new StyleImage(TransferFixture.checks(), 3));

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void startingFromTheContentThereIsNoContentLossAndStyleAndTvAreThoseOfTheContent(Pooling pooling) {
        // given
        TransferSettings settings = TransferFixture.settings().pooling(pooling).lossWeights(WEIGHTS_OF_ALL_TERMS).build();
        RecordingListener listener = new RecordingListener();

        // when
        TransferResult result = service.transfer(new TransferStyleCommand(content, blend, new InitialImage.Content(),
                settings), listener);

        // then
        LossBreakdown expected = IndependentLoss.at(IndependentLoss.preprocess(content), content, normalised(blend),
                WEIGHTS, pooling, WEIGHTS_OF_ALL_TERMS, CONTENT_LAYERS, STYLE_LAYERS);
        LossBreakdown actual = listener.first();
        assertThat(actual.content()).isEqualTo(0.0);
        assertThat(expected.style()).isPositive();
        assertThat(actual.style()).isCloseTo(expected.style(), within(1e-5 * expected.style()));
        assertThat(actual.tv()).isCloseTo(expected.tv(), within(1e-6 * expected.tv()));
        assertThat(actual.total()).isEqualTo(actual.content() + actual.style() + actual.tv());
        assertThat(result.finalLoss()).isEqualTo(actual);
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void startingFromAPictureEveryTermMatchesAnIndependentComputation(Pooling pooling) {
        RgbImage start = TransferFixture.checks();
        TransferSettings settings = TransferFixture.settings().pooling(pooling).lossWeights(WEIGHTS_OF_ALL_TERMS).build();
        RecordingListener listener = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, blend, new InitialImage.Picture(start), settings), listener);

        LossBreakdown expected = IndependentLoss.at(IndependentLoss.preprocess(start), content, normalised(blend),
                WEIGHTS, pooling, WEIGHTS_OF_ALL_TERMS, CONTENT_LAYERS, STYLE_LAYERS);
        assertClose(listener.first(), expected);
    }

    @Test
    void severalContentLayersAddTheirLosses() {
        List<VggLayer> contentLayers = List.of(VggLayer.RELU1_2, VggLayer.RELU3_1);
        RgbImage start = TransferFixture.stripes();
        TransferSettings settings = TransferFixture.settings().contentLayers(contentLayers)
                .lossWeights(WEIGHTS_OF_ALL_TERMS).build();
        RecordingListener listener = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, blend, new InitialImage.Picture(start), settings), listener);

        LossBreakdown expected = IndependentLoss.at(IndependentLoss.preprocess(start), content, normalised(blend),
                WEIGHTS, Pooling.MAX, WEIGHTS_OF_ALL_TERMS, contentLayers, STYLE_LAYERS);
        assertClose(listener.first(), expected);
    }

    @Test
    void aStartingPictureOfAnotherSizeIsResizedToTheContent() {
        RgbImage large = TransferFixture.picture(50, 40, (x, y) -> (x * 5) << 16 | (y * 6) << 8 | 128);
        TransferSettings settings = TransferFixture.settings().lossWeights(WEIGHTS_OF_ALL_TERMS).build();
        RecordingListener listener = new RecordingListener();

        TransferResult result = service.transfer(new TransferStyleCommand(content, blend,
                new InitialImage.Picture(large), settings), listener);

        RgbImage resized = large.resize(20, 16);
        assertThat(result.image().toPackedRgb()).containsExactly(resized.toPackedRgb());
        LossBreakdown expected = IndependentLoss.at(IndependentLoss.preprocess(resized), content, normalised(blend),
                WEIGHTS, Pooling.MAX, WEIGHTS_OF_ALL_TERMS, CONTENT_LAYERS, STYLE_LAYERS);
        assertClose(listener.first(), expected);
    }

    @ParameterizedTest(name = "content {0}, style {1}, tv {2}")
    @CsvSource({"0, 100, 1e-3", "5, 0, 1e-3", "5, 100, 0", "0, 0, 1e-3", "0, 100, 0"})
    void aWeightOfZeroKeepsItsTermAtExactlyZeroThroughout(double contentWeight, double styleWeight, double tvWeight) {
        LossWeights weights = new LossWeights(contentWeight, styleWeight, tvWeight);
        TransferSettings settings = TransferFixture.settings().lossWeights(weights).iterations(3).build();
        RecordingListener listener = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, blend, new InitialImage.Noise(), settings), listener);

        assertThat(listener.reports).hasSize(4).allSatisfy(report -> {
            LossBreakdown loss = report.loss();
            if (contentWeight == 0) {
                assertThat(loss.content()).isEqualTo(0.0);
            } else {
                assertThat(loss.content()).isPositive();
            }
            if (styleWeight == 0) {
                assertThat(loss.style()).isEqualTo(0.0);
            } else {
                assertThat(loss.style()).isPositive();
            }
            if (tvWeight == 0) {
                assertThat(loss.tv()).isEqualTo(0.0);
            } else {
                assertThat(loss.tv()).isPositive();
            }
        });
    }

    @Test
    void withOnlyTotalVariationTheImageIsSmoothed() {
        TransferSettings settings = TransferFixture.settings().lossWeights(new LossWeights(0, 0, 1))
                .optimizer(OptimizerKind.ADAM).iterations(10).build();
        RecordingListener listener = new RecordingListener();

        service.transfer(new TransferStyleCommand(content, blend, new InitialImage.Picture(TransferFixture.checks()),
                settings), listener);

        assertThat(listener.last().tv()).isLessThan(0.8 * listener.first().tv());
        double expected = ReferenceTv.of(TransferFixture.checks(), 1);
        assertThat(listener.first().tv()).isCloseTo(expected, within(1e-6 * expected));
    }

    private static List<StyleImage> normalised(List<StyleImage> styles) {
        double sum = styles.stream().mapToDouble(StyleImage::blendWeight).sum();
        return styles.stream().map(s -> new StyleImage(s.image(), s.blendWeight() / sum)).toList();
    }

    private static void assertClose(LossBreakdown actual, LossBreakdown expected) {
        assertThat(expected.content()).isPositive();
        assertThat(expected.style()).isPositive();
        assertThat(expected.tv()).isPositive();
        assertThat(actual.content()).as("content loss").isCloseTo(expected.content(), within(1e-5 * expected.content()));
        assertThat(actual.style()).as("style loss").isCloseTo(expected.style(), within(1e-5 * expected.style()));
        assertThat(actual.tv()).as("tv loss").isCloseTo(expected.tv(), within(1e-6 * expected.tv()));
    }

    /** TV of a picture straight from its definition, on the preprocessed samples (the mean cancels out). */
    private static final class ReferenceTv {
        static double of(RgbImage image, double weight) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < image.height(); y++) {
                    for (int x = 0; x < image.width(); x++) {
                        if (x + 1 < image.width()) {
                            double d = image.sample(c, x + 1, y) - image.sample(c, x, y);
                            sum += d * d;
                        }
                        if (y + 1 < image.height()) {
                            double d = image.sample(c, x, y + 1) - image.sample(c, x, y);
                            sum += d * d;
                        }
                    }
                }
            }
            return weight / 2 * sum;
        }
    }
}
