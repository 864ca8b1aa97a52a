package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeightsSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"vgg19", "VGG19", " vgg19 "})
    void vgg19NamesThePublishedWeights(String spec) {
        assertThat(WeightsSpec.parse(spec)).isEqualTo(new WeightsSpec.Named("vgg19"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vgg19-torchvision", "VGG19-Torchvision"})
    void vgg19TorchvisionNamesPyTorchsWeights(String spec) {
        assertThat(WeightsSpec.parse(spec)).isEqualTo(new WeightsSpec.Named("vgg19-torchvision"));
    }

    @Test
    void theDefaultIsVgg19() {
        assertThat(WeightsSpec.parse(WeightsSpec.DEFAULT)).isEqualTo(new WeightsSpec.Named("vgg19"));
    }

    @Test
    void randomWithoutSeedUsesTheRunsSeed() {
        WeightsSpec spec = WeightsSpec.parse("random");

        assertThat(spec).isEqualTo(new WeightsSpec.Random(OptionalLong.empty()));
        assertThat(((WeightsSpec.Random) spec).seedOr(7)).isEqualTo(7);
        assertThat(spec).hasToString("random");
    }

    @Test
    void randomWithSeedKeepsItsOwnSeed() {
        WeightsSpec spec = WeightsSpec.parse("Random:42");

        assertThat(spec).isEqualTo(new WeightsSpec.Random(OptionalLong.of(42)));
        assertThat(((WeightsSpec.Random) spec).seedOr(7)).isEqualTo(42);
        assertThat(spec).hasToString("random:42");
        assertThat(WeightsSpec.parse("random:-3")).isEqualTo(new WeightsSpec.Random(OptionalLong.of(-3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"random:abc", "random:", "random:1.5", "random:99999999999999999999"})
    void aSeedThatIsNotAnIntegerIsRejected(String spec) {
        assertThatThrownBy(() -> WeightsSpec.parse(spec))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'" + spec + "' has a seed that is not an integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyValueIsRejectedWithTheChoices(String spec) {
        assertThatThrownBy(() -> WeightsSpec.parse(spec))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty weights value")
                .hasMessageContaining("vgg19, vgg19-torchvision, random[:SEED] or a file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vgg19.h5", "/opt/models/vgg19_weights.h5", "weights/vgg19.pth", "randomness.h5"})
    void anythingElseIsAFile(String spec) {
        assertThat(WeightsSpec.parse(spec)).isEqualTo(new WeightsSpec.File(Path.of(spec)));
        assertThat(WeightsSpec.parse(spec)).hasToString(Path.of(spec).toString());
    }
}
