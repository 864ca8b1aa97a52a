package dev.nst.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.tiling.TileGrid;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.testing.ReferenceBackend;
import dev.nst.core.testing.TinyVgg;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the objective hands the network's backward pass, with and without normalised gradients. */
class NeuralStyleObjectiveTest {

    private static final Shape CONTENT_SHAPE = new Shape(6, 4, 5);
    private static final Shape STYLE_SHAPE = new Shape(4, 8, 10);

    private final ReferenceBackend backend = new ReferenceBackend();
    private final ComputeSession session = backend.openSession();
    private final FixedNetwork network = new FixedNetwork();

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void normalisedGradientsHaveTheL1NormOfTheirTermsWeightAndKeepTheirDirection() {
        Map<VggLayer, float[]> plain = injected(false);
        Map<VggLayer, float[]> normalised = injected(true);

        assertThat(l1(normalised.get(VggLayer.RELU2_1))).isCloseTo(5.0, within(1e-4));
        assertThat(l1(normalised.get(VggLayer.RELU1_1))).isCloseTo(100.0, within(1e-3));
        for (VggLayer layer : List.of(VggLayer.RELU1_1, VggLayer.RELU2_1)) {
            float[] a = plain.get(layer);
            float[] b = normalised.get(layer);
            double ratio = l1(b) / l1(a);
            for (int i = 0; i < a.length; i++) {
                assertThat((double) b[i]).as("%s element %d", layer, i).isCloseTo(a[i] * ratio,
                        within(1e-5 * l1(b)));
            }
        }
    }

    @Test
    void normalisationLeavesTheLossAsItIs() {
        assertThat(objective(true).evaluate(network.image, session.zeros(network.image.shape())))
                .isEqualTo(objective(false).evaluate(network.image, session.zeros(network.image.shape())));
    }

    private Map<VggLayer, float[]> injected(boolean normalise) {
        objective(normalise).evaluate(network.image, session.zeros(network.image.shape()));
        return network.lastGradients;
    }

    private NeuralStyleObjective objective(boolean normalise) {
        ContentLoss content = new ContentLoss(VggLayer.RELU2_1, 5,
                session.upload(CONTENT_SHAPE, TinyVgg.gaussian(3, CONTENT_SHAPE.intSize(), 1)), session);
        Tensor target = session.zeros(STYLE_SHAPE.gram());
        Gram.compute(session.losses(), session.upload(STYLE_SHAPE, TinyVgg.gaussian(4, STYLE_SHAPE.intSize(), 2)), null,
                Gram.normaliser(STYLE_SHAPE), false, target);
        StyleLoss style = new StyleLoss(VggLayer.RELU1_1, 100, List.of(new StyleLoss.Term(target,
                java.util.Collections.singletonList(null), Gram.normaliser(STYLE_SHAPE))), session);
        TiledNetwork tiles = new TiledNetwork(network, session.losses(), TileGrid.whole(10, 8), session);
        return new NeuralStyleObjective(tiles, session.losses(), normalise ? session.optimizer() : null, session,
                List.of(content), List.of(style), new TotalVariationLoss(0));
    }

    private static double l1(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += Math.abs(v);
        }
        return sum;
    }

    /** A network whose activations are fixed, and that records the gradients injected into it. */
    private final class FixedNetwork implements FeatureNetwork {
        final Tensor image = session.zeros(new Shape(3, 8, 10));
        final Map<VggLayer, Tensor> features = new EnumMap<>(Map.of(
                VggLayer.RELU1_1, session.upload(STYLE_SHAPE, TinyVgg.gaussian(1, STYLE_SHAPE.intSize(), 1)),
                VggLayer.RELU2_1, session.upload(CONTENT_SHAPE, TinyVgg.gaussian(2, CONTENT_SHAPE.intSize(), 1))));
        Map<VggLayer, float[]> lastGradients;

        @Override
        public Map<VggLayer, Tensor> forward(Tensor input) {
            return features;
        }

        @Override
        public void backward(Map<VggLayer, Tensor> outputGradients, Tensor imageGradient) {
            lastGradients = new EnumMap<>(VggLayer.class);
            outputGradients.forEach((layer, gradient) -> lastGradients.put(layer, gradient.toArray()));
            session.losses().zero(imageGradient);
        }
    }
}
