package dev.nst.core.service;

import static dev.nst.core.service.TransferFixture.TINY_WEIGHTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.out.LoadWeightsPort;
import dev.nst.core.service.TransferFixture.RecordingListener;
import dev.nst.core.testing.TinyVgg;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the service sizes its inputs, refuses unusable ones, obtains weights and blends styles. */
class TransferStyleServiceInputTest {

    private final RecordingBackend backend = new RecordingBackend();
    private final TransferStyleService service = new TransferStyleService(backend, TINY_WEIGHTS);
    private final RgbImage stripes = TransferFixture.stripes();
    private final RgbImage checks = TransferFixture.checks();

    // ---------------------------------------------------------------- sizes

    @ParameterizedTest
    @CsvSource({"40, 32, 20, 16", "10, 8, 20, 16", "32, 40, 16, 20", "20, 16, 20, 16"})
    void theContentIsResizedSoItsLongerSideIsTheSize(int width, int height, int outWidth, int outHeight) {
        RgbImage content = TransferFixture.picture(width, height, (x, y) -> (x * 6) << 16 | (y * 6) << 8 | 77);

        TransferResult result = service.transfer(TransferStyleCommand.of(content, List.of(stripes),
                new InitialImage.Content(), TransferFixture.settings().size(20).build()));

        assertThat(result.image().width()).isEqualTo(outWidth);
        assertThat(result.image().height()).isEqualTo(outHeight);
        // zero iterations from the content: the result is the resized content, give or take float rounding
        assertThat(result.image().planes()).containsExactly(content.resizeLongestSide(20).planes(), within(1e-3f));
    }

    @Test
    void stylesAreResizedToTheSizeTimesTheStyleScale() {
        RgbImage wideStyle = TransferFixture.picture(60, 30, (x, y) -> (x + y) % 5 == 0 ? 0xffffff : 0x103070);
        RgbImage tallStyle = TransferFixture.picture(9, 18, (x, y) -> x % 3 == 0 ? 0xff0000 : 0x00ff00);
        TransferSettings settings = TransferFixture.settings().size(20).styleScale(0.5).build();

        service.transfer(TransferStyleCommand.of(TransferFixture.content(), List.of(wideStyle, tallStyle),
                new InitialImage.Content(), settings));

        // content, then each style at a longer side of 10, then the image being optimised
        assertThat(backend.forwardShapes).containsExactly(new Shape(3, 16, 20), new Shape(3, 5, 10),
                new Shape(3, 10, 5), new Shape(3, 16, 20));
    }

    @Test
    void aStyleScaleAboveOneEnlargesTheStyles() {
        TransferSettings settings = TransferFixture.settings().size(20).styleScale(1.5).build();

        service.transfer(TransferStyleCommand.of(TransferFixture.content(), List.of(stripes),
                new InitialImage.Content(), settings));

        assertThat(backend.forwardShapes.get(1)).isEqualTo(new Shape(3, 24, 30));
    }

    @Test
    void aContentTooSmallForTheDeepestLayerIsRefusedByName() {
        // given relu5_1, which needs 16 px on each side, and a strip of a content image
        LoadWeightsPort weights = mock(LoadWeightsPort.class);
        TransferStyleService deep = new TransferStyleService(backend, weights);
        RgbImage strip = TransferFixture.picture(64, 12, (x, y) -> x << 16);
        RgbImage style = TransferFixture.picture(64, 64, (x, y) -> y << 8);

        assertThatThrownBy(() -> deep.transfer(TransferStyleCommand.of(strip, List.of(style),
                new InitialImage.Content(), TransferSettings.builder().size(64).build())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the content image is 64x12 px after resizing; layer relu5_1 needs at least 16 px on each side");
        verifyNoInteractions(weights);
        assertThat(backend.openSessions()).isZero();
    }

    @Test
    void aSingleStyleTooSmallIsCalledTheStyleImage() {
        RgbImage content = TransferFixture.picture(64, 48, (x, y) -> x << 16);
        RgbImage strip = TransferFixture.picture(80, 10, (x, y) -> y << 8);

        assertThatThrownBy(() -> service.transfer(TransferStyleCommand.of(content, List.of(strip),
                new InitialImage.Content(), TransferSettings.builder().size(64).build())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the style image is 64x8 px after resizing; layer relu5_1 needs at least 16 px on each side");
    }

    @Test
    void aStyleTooSmallAmongSeveralIsNamedByItsPosition() {
        RgbImage content = TransferFixture.picture(64, 48, (x, y) -> x << 16);
        RgbImage square = TransferFixture.picture(50, 50, (x, y) -> y << 8);
        RgbImage strip = TransferFixture.picture(80, 10, (x, y) -> y << 8);

        assertThatThrownBy(() -> service.transfer(TransferStyleCommand.of(content, List.of(square, strip),
                new InitialImage.Content(), TransferSettings.builder().size(64).build())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("style image 2 is 64x8 px after resizing");
    }

    @Test
    void aSmallStyleScaleCanMakeAStyleTooSmall() {
        TransferSettings settings = TransferFixture.settings().size(20).styleScale(0.1).build();

        assertThatThrownBy(() -> service.transfer(TransferStyleCommand.of(TransferFixture.content(), List.of(stripes),
                new InitialImage.Content(), settings)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the style image is 2x2 px after resizing; layer relu3_1 needs at least 4 px on each side");
    }

    // ---------------------------------------------------------------- weights

    @Test
    void weightsThatStopBeforeTheDeepestLayerAreRefused() {
        TransferStyleService shallow = new TransferStyleService(backend,
                (spec, deepest) -> TinyVgg.weights(5, TinyVgg.WIDTHS, VggLayer.CONV2_2));

        assertThatThrownBy(() -> shallow.transfer(TransferStyleCommand.of(TransferFixture.content(), List.of(stripes),
                new InitialImage.Content(), TransferFixture.settings().build())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("weights tiny:5 stop at pool2 but layer relu3_1 was requested");
        assertThat(backend.networks).isEmpty();
        assertThat(backend.openSessions()).isZero();
    }

    @Test
    void randomWeightsWithoutTheirOwnSeedUseTheRunsSeed() {
        LoadWeightsPort weights = mock(LoadWeightsPort.class);
        when(weights.load(any(), any())).thenReturn(TransferFixture.WEIGHTS);

        new TransferStyleService(backend, weights).transfer(TransferStyleCommand.of(TransferFixture.content(),
                List.of(stripes), new InitialImage.Content(),
                TransferFixture.settings().weights(WeightsSpec.parse("random")).seed(77).build()));

        verify(weights).load(new WeightsSpec.Random(OptionalLong.of(77)), VggLayer.RELU3_1);
    }

    @ParameterizedTest
    @CsvSource({"random:5", "vgg19", "models/vgg19.h5"})
    void anyOtherWeightsSpecIsPassedOnAsGiven(String spec) {
        LoadWeightsPort weights = mock(LoadWeightsPort.class);
        when(weights.load(any(), any())).thenReturn(TransferFixture.WEIGHTS);

        new TransferStyleService(backend, weights).transfer(TransferStyleCommand.of(TransferFixture.content(),
                List.of(stripes), new InitialImage.Content(),
                TransferFixture.settings().weights(WeightsSpec.parse(spec)).seed(77).build()));

        verify(weights).load(WeightsSpec.parse(spec), VggLayer.RELU3_1);
        assertThat(WeightsSpec.parse("models/vgg19.h5")).isEqualTo(new WeightsSpec.File(Path.of("models/vgg19.h5")));
    }

    @Test
    void theNetworkComputesOnlyTheLayersOfTermsWithWeight() {
        TransferSettings noContent = TransferFixture.settings().lossWeights(new LossWeights(0, 100, 1e-3)).build();
        TransferSettings noStyle = TransferFixture.settings().lossWeights(new LossWeights(5, 0, 1e-3)).build();
        TransferSettings tvOnly = TransferFixture.settings().lossWeights(new LossWeights(0, 0, 1e-3)).build();

        for (TransferSettings settings : List.of(noContent, noStyle, tvOnly)) {
            service.transfer(TransferStyleCommand.of(TransferFixture.content(), List.of(stripes),
                    new InitialImage.Noise(), settings));
        }

        assertThat(backend.networks).containsExactly(
                Set.of(VggLayer.RELU1_1, VggLayer.RELU2_1, VggLayer.RELU3_1),
                Set.of(VggLayer.RELU2_1));
    }

    // ---------------------------------------------------------------- style blends

    @Test
    void twoCopiesOfOneStyleWeightedOneToThreeSetTheSameTargetsAsTheStyleAlone() {
        RecordingListener alone = run(List.of(new StyleImage(stripes)), 0);
        RecordingListener copies = run(List.of(new StyleImage(stripes, 1), new StyleImage(stripes, 3)), 0);

        double expected = alone.first().style();
        assertThat(copies.first().style()).isCloseTo(expected, within(1e-6 * expected));
        assertThat(copies.first().content()).isEqualTo(alone.first().content());
    }

    @Test
    void aBlendOfOneAndZeroIsTheFirstStyleAloneAndZeroAndOneTheSecond() {
        TransferResult first = runForResult(List.of(new StyleImage(stripes)));
        TransferResult second = runForResult(List.of(new StyleImage(checks)));

        TransferResult oneZero = runForResult(List.of(new StyleImage(stripes, 1), new StyleImage(checks, 0)));
        TransferResult zeroOne = runForResult(List.of(new StyleImage(stripes, 0), new StyleImage(checks, 1)));

        assertThat(first.image()).isNotEqualTo(second.image());
        assertThat(oneZero.image()).isEqualTo(first.image());
        assertThat(oneZero.finalLoss()).isEqualTo(first.finalLoss());
        assertThat(zeroOne.image()).isEqualTo(second.image());
    }

    @Test
    void aBlendIsBetweenItsStyles() {
        double toStripes = run(List.of(new StyleImage(stripes)), 0).first().style();
        double toChecks = run(List.of(new StyleImage(checks)), 0).first().style();
        double toBlend = run(List.of(new StyleImage(stripes), new StyleImage(checks)), 0).first().style();

        // the content's Gram distance to the average of two Gram targets is below the larger of its distances to each
        assertThat(toBlend).isLessThan(Math.max(toStripes, toChecks));
        assertThat(toBlend).isNotEqualTo(toStripes).isNotEqualTo(toChecks);
    }

    @Test
    void proportionalBlendWeightsGiveTheSameResultBecauseTheCommandNormalisesThem() {
        TransferResult small = runForResult(List.of(new StyleImage(stripes, 1), new StyleImage(checks, 3)));
        TransferResult large = runForResult(List.of(new StyleImage(stripes, 2), new StyleImage(checks, 6)));

        assertThat(large.image()).isEqualTo(small.image());
        assertThat(large.finalLoss()).isEqualTo(small.finalLoss());
    }

    private RecordingListener run(List<StyleImage> styles, int iterations) {
        RecordingListener listener = new RecordingListener();
        service.transfer(new TransferStyleCommand(TransferFixture.content(), styles, new InitialImage.Content(),
                TransferFixture.settings().iterations(iterations).build()), listener);
        return listener;
    }

    private TransferResult runForResult(List<StyleImage> styles) {
        return service.transfer(new TransferStyleCommand(TransferFixture.content(), styles, new InitialImage.Content(),
                TransferFixture.settings().iterations(3).build()));
    }
}
