package dev.nst.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import org.junit.jupiter.api.Test;

class RandomVgg19WeightsTest {

    /** conv1_1 kernel values 0, 1 and 1727 of {@code random:42}, as generated when the generator was written. */
    private static final float[] PINNED_SEED_42_CONV1_1 = {-0.033952158f, 0.098741464f, -0.41824925f};

    @Test
    void theSameSeedGivesTheSameWeights() {
        Vgg19Weights first = RandomVgg19Weights.generate(42, VggLayer.RELU3_1);
        Vgg19Weights second = RandomVgg19Weights.generate(42, VggLayer.RELU3_1);

        for (ConvWeights conv : first.convolutions()) {
            assertThat(second.convolution(conv.layer()).kernel()).isEqualTo(conv.kernel());
        }
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        float[] kernel42 = RandomVgg19Weights.generate(42, VggLayer.RELU1_1).convolution(VggLayer.CONV1_1).kernel();
        float[] kernel43 = RandomVgg19Weights.generate(43, VggLayer.RELU1_1).convolution(VggLayer.CONV1_1).kernel();

        int equal = 0;
        for (int k = 0; k < kernel42.length; k++) {
            equal += kernel42[k] == kernel43[k] ? 1 : 0;
        }
        assertThat(equal).isZero();
    }

    @Test
    void everyLayerIsTheSameWhetherTheNetworkIsGeneratedShallowOrDeep() {
        Vgg19Weights shallow = RandomVgg19Weights.generate(7, VggLayer.RELU2_1);
        Vgg19Weights deep = RandomVgg19Weights.generate(7, VggLayer.RELU5_1);

        assertThat(shallow.convolutions()).hasSize(3);
        assertThat(deep.convolutions()).hasSize(13);
        for (ConvWeights conv : shallow.convolutions()) {
            assertThat(deep.convolution(conv.layer()).kernel()).isEqualTo(conv.kernel());
        }
        assertThat(RandomVgg19Weights.generate(7, VggLayer.RELU1_1).convolution(VggLayer.CONV1_1).kernel())
                .isEqualTo(deep.convolution(VggLayer.CONV1_1).kernel());
    }

    @Test
    void generatesThePublishedWidthsUpToTheDeepestLayer() {
        Vgg19Weights weights = RandomVgg19Weights.generate(1, VggLayer.POOL5);

        assertThat(weights.convolutions()).extracting(ConvWeights::outChannels).containsExactly(
                64, 64, 128, 128, 256, 256, 256, 256, 512, 512, 512, 512, 512, 512, 512, 512);
        assertThat(weights.convolution(VggLayer.CONV1_1).inChannels()).isEqualTo(3);
        assertThat(weights.source()).isEqualTo("random:1");
        assertThat(weights.preprocessing()).isEqualTo(Preprocessing.CAFFE_BGR);
    }

    @Test
    void kernelsAreHeInitialisedAndBiasesZero() {
        Vgg19Weights weights = RandomVgg19Weights.generate(3, VggLayer.RELU5_1);

        for (ConvWeights conv : weights.convolutions()) {
            float[] kernel = conv.kernel();
            double n = kernel.length;
            double sum = 0;
            double sumOfSquares = 0;
            for (float value : kernel) {
                sum += value;
                sumOfSquares += (double) value * value;
            }
            double mean = sum / n;
            double std = Math.sqrt(sumOfSquares / n - mean * mean);
            double heStd = Math.sqrt(2.0 / (9 * conv.inChannels()));
            // Five standard errors: the sample mean has error heStd / sqrt(n), the sample std about heStd / sqrt(2n).
            assertThat(mean).as(conv.layer().id() + " mean").isCloseTo(0, within(5 * heStd / Math.sqrt(n)));
            assertThat(std).as(conv.layer().id() + " std").isCloseTo(heStd, within(5 * heStd / Math.sqrt(2 * n)));
            assertThat(conv.bias()).as(conv.layer().id() + " bias").containsOnly(0f);
        }
    }

    @Test
    void valuesArePinnedSoThatARandomSeedMeansTheSameNetworkInEveryRelease() {
        float[] kernel = RandomVgg19Weights.generate(42, VggLayer.RELU1_1).convolution(VggLayer.CONV1_1).kernel();

        assertThat(new float[] {kernel[0], kernel[1], kernel[1727]}).containsExactly(PINNED_SEED_42_CONV1_1);
    }
}
