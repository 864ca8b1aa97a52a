package dev.nst.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.service.TransferFixture.RecordingListener;
import dev.nst.core.testing.ReferenceBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loss weights the user gives mean exactly what the loss definition says; the ones not given come from the network's
 * weights, which recommend jcjohnson's values for Caffe-scale input and rescaled ones for torchvision's.
 */
class TransferStyleServiceLossWeightsTest {

    private static final Vgg19Weights CAFFE_WEIGHTS = TransferFixture.WEIGHTS;
    private static final Vgg19Weights TORCHVISION_WEIGHTS = new Vgg19Weights("tiny torchvision",
            Preprocessing.TORCHVISION_RGB, TransferFixture.WEIGHTS.convolutions());

    private final RgbImage content = TransferFixture.content();

    @Test
    void withCaffeScaleWeightsTheDefaultsAreNeuralStylesOwn() {
        assertThat(CAFFE_WEIGHTS.recommendedLossWeights()).isEqualTo(new LossWeights(5, 100, 1e-3));

        LossBreakdown defaults = firstLoss(CAFFE_WEIGHTS, LossWeightOverrides.NONE);
        LossBreakdown explicit = firstLoss(CAFFE_WEIGHTS, LossWeightOverrides.of(new LossWeights(5, 100, 1e-3)));

        assertThat(defaults).isEqualTo(explicit);
    }

    @Test
    void withTorchvisionWeightsTheDefaultsAreRescaledForTheirInputScale() {
        double k = 255 * 0.226;
        LossWeights recommended = TORCHVISION_WEIGHTS.recommendedLossWeights();
        assertThat(recommended.contentWeight()).isCloseTo(5 * k * k, within(1e-9 * 5 * k * k));
        assertThat(recommended.styleWeight()).isCloseTo(100 * Math.pow(k, 4), within(1e-9 * 100 * Math.pow(k, 4)));
        assertThat(recommended.tvWeight()).isCloseTo(1e-3 * k * k, within(1e-9 * 1e-3 * k * k));

        LossBreakdown defaults = firstLoss(TORCHVISION_WEIGHTS, LossWeightOverrides.NONE);
        LossBreakdown explicit = firstLoss(TORCHVISION_WEIGHTS, LossWeightOverrides.of(recommended));

        assertThat(defaults).isEqualTo(explicit);
    }

    @Test
    void aGivenWeightWinsAndKeepsItsMeaningWhileTheOthersStayRecommended() {
        LossWeights recommended = TORCHVISION_WEIGHTS.recommendedLossWeights();
        LossBreakdown defaults = firstLoss(TORCHVISION_WEIGHTS, LossWeightOverrides.NONE);

        LossBreakdown givenStyle = firstLoss(TORCHVISION_WEIGHTS, LossWeightOverrides.NONE.withStyleWeight(7));

        assertThat(givenStyle.content()).isEqualTo(defaults.content());
        assertThat(givenStyle.tv()).isEqualTo(defaults.tv());
        double unweightedStyle = defaults.style() / recommended.styleWeight();
        assertThat(givenStyle.style()).isCloseTo(7 * unweightedStyle, within(1e-9 * givenStyle.style()));
    }

    @Test
    void aGivenZeroSwitchesItsTermOffWhateverTheWeightsRecommend() {
        LossBreakdown loss = firstLoss(TORCHVISION_WEIGHTS, LossWeightOverrides.NONE.withContentWeight(0));

        assertThat(loss.content()).isEqualTo(0.0);
        assertThat(loss.style()).isPositive();
    }

    @Test
    void adamsLearningRateIsAStepInPixelLevelsWhateverTheInputScale() {
        // Adam's first step moves every sample by the learning rate in network units; converted, that is the
        // learning rate in 0..255 levels (to within the spread of torchvision's per-channel std, 2%).
        double learningRate = 2;
        TransferSettings settings = TransferFixture.settings().optimizer(OptimizerKind.ADAM).learningRate(learningRate)
                .iterations(1).lossWeights(new LossWeights(0, 0, 1)).build();
        TransferStyleService service = new TransferStyleService(new ReferenceBackend(), (spec, deepest) -> TORCHVISION_WEIGHTS);

        TransferResult result = service.transfer(TransferStyleCommand.of(content, List.of(TransferFixture.stripes()),
                new InitialImage.Content(), settings));

        float[] before = content.planes();
        float[] after = result.image().planes();
        double largest = 0;
        for (int i = 0; i < before.length; i++) {
            largest = Math.max(largest, Math.abs(after[i] - before[i]));
        }
        assertThat(largest).isCloseTo(learningRate, within(0.03 * learningRate));
    }

    private LossBreakdown firstLoss(Vgg19Weights weights, LossWeightOverrides lossWeights) {
        TransferStyleService service = new TransferStyleService(new ReferenceBackend(), (spec, deepest) -> weights);
        TransferSettings settings = TransferFixture.settings().lossWeights(lossWeights).build();
        RecordingListener listener = new RecordingListener();
        service.transfer(TransferStyleCommand.of(content, List.of(TransferFixture.stripes()),
                new InitialImage.Picture(TransferFixture.checks()), settings), listener);
        LossBreakdown loss = listener.first();
        assertThat(loss.total()).isPositive();
        return loss;
    }
}
