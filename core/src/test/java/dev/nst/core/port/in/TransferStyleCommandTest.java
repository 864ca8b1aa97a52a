package dev.nst.core.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Setting;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransferStyleCommandTest {

    private static final RgbImage CONTENT = RgbImage.ofPackedRgb(2, 2, new int[] {0, 1, 2, 3});
    private static final RgbImage STYLE_A = RgbImage.ofPackedRgb(1, 1, new int[] {0xff0000});
    private static final RgbImage STYLE_B = RgbImage.ofPackedRgb(1, 1, new int[] {0x0000ff});
    private static final TransferSettings SETTINGS = TransferSettings.builder().build();

    @Test
    void blendWeightsAreNormalisedToSumToOne() {
        TransferStyleCommand command = command(List.of(new StyleImage(STYLE_A, 1), new StyleImage(STYLE_B, 3)));

        assertThat(command.styles()).extracting(StyleImage::blendWeight).containsExactly(0.25, 0.75);
        assertThat(command.styles()).extracting(StyleImage::image).containsExactly(STYLE_A, STYLE_B);
    }

    @Test
    void proportionalWeightsGiveTheSameCommand() {
        TransferStyleCommand small = command(List.of(new StyleImage(STYLE_A, 1), new StyleImage(STYLE_B, 3)));
        TransferStyleCommand large = command(List.of(new StyleImage(STYLE_A, 20), new StyleImage(STYLE_B, 60)));

        assertThat(large).isEqualTo(small);
    }

    @Test
    void aZeroWeightKeepsTheStyleButGivesItNoShare() {
        TransferStyleCommand command = command(List.of(new StyleImage(STYLE_A, 2), new StyleImage(STYLE_B, 0)));

        assertThat(command.styles()).extracting(StyleImage::blendWeight).containsExactly(1.0, 0.0);
    }

    @Test
    void ofBlendsTheStylesEqually() {
        TransferStyleCommand command = TransferStyleCommand.of(CONTENT, List.of(STYLE_A, STYLE_B, STYLE_A),
                new InitialImage.Noise(), SETTINGS);

        assertThat(command.styles()).extracting(StyleImage::blendWeight)
                .allSatisfy(w -> assertThat(w).isCloseTo(1.0 / 3, within(1e-15)));
    }

    @Test
    void atLeastOneStyleIsNeeded() {
        assertThatThrownBy(() -> command(List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("at least one style image is needed");
    }

    @Test
    void blendWeightsMustNotAllBeZero() {
        assertThatThrownBy(() -> command(List.of(new StyleImage(STYLE_A, 0), new StyleImage(STYLE_B, 0))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("style blend weights must not all be zero");
    }

    @Test
    void blendWeightsThatOverflowWhenAddedAreRejected() {
        assertThatThrownBy(() -> command(List.of(new StyleImage(STYLE_A, Double.MAX_VALUE),
                new StyleImage(STYLE_B, Double.MAX_VALUE))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void atMostSixtyFourStylesAreAccepted() {
        assertThat(command(Collections.nCopies(64, new StyleImage(STYLE_A))).styles()).hasSize(64);
        assertThatThrownBy(() -> command(Collections.nCopies(65, new StyleImage(STYLE_A))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("at most 64 style images are supported, got 65");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void aBlendWeightMustBeAFiniteNonNegativeNumber(double weight) {
        assertThatThrownBy(() -> new StyleImage(STYLE_A, weight))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("style blend weights must be finite and >= 0, got " + weight);
    }

    @Test
    void aStyleWithoutWeightCountsOnce() {
        assertThat(new StyleImage(STYLE_A).blendWeight()).isEqualTo(1.0);
    }

    @Test
    void contentInitialImageAndSettingsAreRequired() {
        List<StyleImage> styles = List.of(new StyleImage(STYLE_A));
        InitialImage noise = new InitialImage.Noise();

        assertThatThrownBy(() -> new TransferStyleCommand(null, styles, noise, SETTINGS))
                .isInstanceOf(NullPointerException.class).hasMessage("content");
        assertThatThrownBy(() -> new TransferStyleCommand(CONTENT, styles, null, SETTINGS))
                .isInstanceOf(NullPointerException.class).hasMessage("initialImage");
        assertThatThrownBy(() -> new TransferStyleCommand(CONTENT, styles, noise, null))
                .isInstanceOf(NullPointerException.class).hasMessage("settings");
        assertThatThrownBy(() -> new InitialImage.Picture(null))
                .isInstanceOf(NullPointerException.class).hasMessage("image");
    }

    private static final RgbImage WHITE = RgbImage.ofPackedRgb(1, 1, new int[] {0xffffff});
    private static final RgbImage BLACK = RgbImage.ofPackedRgb(2, 1, new int[] {0, 0});

    @Test
    void masksArePairedWithTheStylesByOrder() {
        List<StyleImage> styles = StyleImage.masked(List.of(STYLE_A, STYLE_B), List.of(WHITE, STYLE_A));

        TransferStyleCommand command = command(styles);

        assertThat(command.masked()).isTrue();
        assertThat(command.styles()).extracting(s -> s.mask().orElseThrow()).containsExactly(WHITE, STYLE_A);
        assertThat(command.styles()).extracting(StyleImage::blendWeight).containsExactly(0.5, 0.5);
        assertThat(command(List.of(new StyleImage(STYLE_A))).masked()).isFalse();
    }

    @Test
    void oneMaskPerStyleIsNeeded() {
        assertThatThrownBy(() -> StyleImage.masked(List.of(STYLE_A, STYLE_B), List.of(WHITE)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.setting()).contains(Setting.STYLE_MASK);
                    assertThat(e.reason()).isEqualTo("give one mask per style image, in the same order: got 1 mask"
                            + " for 2 style images");
                });
        assertThatThrownBy(() -> command(List.of(StyleImage.masked(STYLE_A, WHITE), new StyleImage(STYLE_B))))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.setting()).contains(Setting.STYLE_MASK));
    }

    @Test
    void masksCannotBeBlended() {
        List<StyleImage> styles = List.of(new StyleImage(STYLE_A, 1, Optional.of(WHITE)),
                new StyleImage(STYLE_B, 3, Optional.of(WHITE)));

        assertThatThrownBy(() -> command(styles))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.setting()).contains(Setting.STYLE_BLEND);
                    assertThat(e.reason()).contains("cannot be combined with style masks");
                });
    }

    @Test
    void aBlackMaskIsRefusedNamingWhichStyleItMasks() {
        assertThatThrownBy(() -> command(StyleImage.masked(List.of(STYLE_A, STYLE_B), List.of(WHITE, BLACK))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.setting()).contains(Setting.STYLE_MASK);
                    assertThat(e.reason()).isEqualTo("the mask of style image 2 is black everywhere, so its style"
                            + " would be used nowhere");
                });
        assertThatThrownBy(() -> new TransferStyleCommand(CONTENT, List.of(new StyleImage(STYLE_A)),
                new InitialImage.Noise(), SETTINGS, Optional.of(BLACK)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.setting()).contains(Setting.CONTENT_MASK));
    }

    private static TransferStyleCommand command(List<StyleImage> styles) {
        return new TransferStyleCommand(CONTENT, styles, new InitialImage.Noise(), SETTINGS);
    }
}
