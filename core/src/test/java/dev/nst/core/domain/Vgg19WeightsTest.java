package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.testing.TinyVgg;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Vgg19WeightsTest {

    private static final int[] WIDTHS = {4, 6, 8, 10, 12};

    @ParameterizedTest
    @CsvSource({
            "CONV1_1, RELU1_1",
            "CONV1_2, POOL1",
            "CONV2_1, RELU2_1",
            "CONV3_1, RELU3_1",
            "CONV3_4, POOL3",
            "CONV4_2, RELU4_2",
            "CONV5_4, POOL5"})
    void theDeepestLayerIsTheReluOrPoolAfterTheLastConvolution(VggLayer lastConv, VggLayer deepest) {
        Vgg19Weights weights = TinyVgg.weights(1, WIDTHS, lastConv);

        assertThat(weights.deepestLayer()).isEqualTo(deepest);
    }

    @Test
    void weightsCoverEveryLayerUpToTheirDeepestAndNoFurther() {
        Vgg19Weights weights = TinyVgg.weights(1, WIDTHS, VggLayer.CONV3_1);

        assertThat(weights.covers(VggLayer.CONV1_1)).isTrue();
        assertThat(weights.covers(VggLayer.POOL2)).isTrue();
        assertThat(weights.covers(VggLayer.RELU3_1)).isTrue();
        assertThat(weights.covers(VggLayer.CONV3_2)).isFalse();
        assertThat(weights.covers(VggLayer.RELU5_1)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "CONV1_1, 4", "RELU1_2, 4", "POOL1, 4",
            "CONV2_1, 6", "POOL2, 6",
            "RELU3_1, 8", "RELU4_2, 10", "RELU5_1, 12", "POOL5, 12"})
    void channelsAtALayerAreThoseOfTheConvolutionFeedingIt(VggLayer layer, int channels) {
        Vgg19Weights weights = TinyVgg.weights(1, WIDTHS, VggLayer.CONV5_4);

        assertThat(weights.channelsAt(layer)).isEqualTo(channels);
    }

    @Test
    void parametersAreCountedOverKernelsAndBiases() {
        Vgg19Weights weights = TinyVgg.weights(1, WIDTHS, VggLayer.CONV1_2);

        assertThat(weights.parameterCount()).isEqualTo((4 * 3 * 9 + 4) + (4 * 4 * 9 + 4));
    }

    @Test
    void noConvolutionsAtAllIsRejected() {
        assertThatThrownBy(() -> new Vgg19Weights("empty", Preprocessing.CAFFE_BGR, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no convolutions");
    }

    @Test
    void convolutionsMustComeInNetworkOrderWithoutGaps() {
        List<ConvWeights> convs = new ArrayList<>(TinyVgg.weights(1, WIDTHS, VggLayer.CONV2_1).convolutions());
        convs.remove(1);

        assertThatThrownBy(() -> new Vgg19Weights("gap", Preprocessing.CAFFE_BGR, convs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected conv1_2 at position 1, got conv2_1");
    }

    @Test
    void theFirstConvolutionMustTakeThreeChannels() {
        ConvWeights fourIn = new ConvWeights(VggLayer.CONV1_1, 4, 2, new float[2 * 4 * 9], new float[2]);

        assertThatThrownBy(() -> new Vgg19Weights("rgba", Preprocessing.CAFFE_BGR, List.of(fourIn)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv1_1 takes 4 channels but the layer before produces 3");
    }

    @Test
    void channelCountsMustChain() {
        ConvWeights first = new ConvWeights(VggLayer.CONV1_1, 3, 4, new float[4 * 3 * 9], new float[4]);
        ConvWeights second = new ConvWeights(VggLayer.CONV1_2, 5, 4, new float[4 * 5 * 9], new float[4]);

        assertThatThrownBy(() -> new Vgg19Weights("broken", Preprocessing.CAFFE_BGR, List.of(first, second)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv1_2 takes 5 channels but the layer before produces 4");
    }

    @Test
    void theListOfConvolutionsCannotBeChangedAfterwards() {
        List<ConvWeights> convs = new ArrayList<>(TinyVgg.weights(1, WIDTHS, VggLayer.CONV1_2).convolutions());
        Vgg19Weights weights = new Vgg19Weights("copy", Preprocessing.CAFFE_BGR, convs);

        convs.clear();

        assertThat(weights.convolutions()).hasSize(2);
        assertThatThrownBy(() -> weights.convolutions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aConvolutionNotInTheWeightsIsNamed() {
        Vgg19Weights weights = TinyVgg.weights(1, WIDTHS, VggLayer.CONV1_2);

        assertThatThrownBy(() -> weights.convolution(VggLayer.CONV2_1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv2_1 is not in these weights");
    }

    @Test
    void convWeightsCheckTheirSizes() {
        assertThatThrownBy(() -> new ConvWeights(VggLayer.RELU1_1, 3, 4, new float[108], new float[4]))
                .hasMessage("relu1_1 is not a convolution");
        assertThatThrownBy(() -> new ConvWeights(VggLayer.CONV1_1, 3, 4, new float[107], new float[4]))
                .hasMessage("conv1_1: kernel has 107 values, expected 108");
        assertThatThrownBy(() -> new ConvWeights(VggLayer.CONV1_1, 3, 4, new float[108], new float[3]))
                .hasMessage("conv1_1: bias has 3 values, expected 4");
        assertThatThrownBy(() -> new ConvWeights(VggLayer.CONV1_1, 0, 4, new float[0], new float[4]))
                .hasMessage("conv1_1: channel counts must be positive");
    }
}
