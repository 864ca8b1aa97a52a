package dev.nst.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.OptimizerKernels;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link ComputeBackend} must do, checked against {@link ReferenceKernels} and by finite differences.
 * A backend module runs it by extending this class and implementing {@link #createBackend()}.
 */
public abstract class BackendContractTest {

    /** Odd, non-square, and large enough for relu5_1 (37x29 -> 18x14 -> 9x7 -> 4x3 -> 2x1). */
    protected static final int HEIGHT = 37;
    protected static final int WIDTH = 29;
    private static final Vgg19Weights WEIGHTS = TinyVgg.weights(7);
    private static final Set<VggLayer> OUTPUTS = EnumSet.of(VggLayer.CONV1_1, VggLayer.RELU1_2, VggLayer.POOL1,
            VggLayer.RELU2_1, VggLayer.POOL2, VggLayer.RELU3_1, VggLayer.CONV4_2, VggLayer.RELU4_2, VggLayer.POOL4,
            VggLayer.RELU5_1);

    private ComputeBackend backend;
    protected ComputeSession session;
    protected LossKernels losses;
    protected OptimizerKernels vectors;

    /** A fresh backend; it is closed after each test. */
    protected abstract ComputeBackend createBackend();

    @BeforeEach
    void openBackend() {
        backend = createBackend();
        session = backend.openSession();
        losses = session.losses();
        vectors = session.optimizer();
    }

    @AfterEach
    void closeBackend() {
        session.close();
        backend.close();
    }

    // ---------------------------------------------------------------- network: values

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void forwardMatchesTheReferenceAtEveryKindOfLayer(Pooling pooling) {
        float[] image = TinyVgg.gaussian(11, 3 * HEIGHT * WIDTH, 50);
        Map<VggLayer, float[]> expected = referenceForward(pooling, image);

        FeatureNetwork network = session.network(WEIGHTS, pooling, OUTPUTS);
        Map<VggLayer, Tensor> actual = network.forward(session.upload(imageShape(), image));

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(OUTPUTS);
        for (VggLayer layer : OUTPUTS) {
            assertThat(actual.get(layer).shape()).as(layer.id()).isEqualTo(referenceShape(layer));
            assertClose(layer.id(), actual.get(layer).toArray(), expected.get(layer), 1e-4);
        }
    }

    @Test
    void aNetworkServesImagesOfDifferentSizesInTurn() {
        FeatureNetwork network = session.network(WEIGHTS, Pooling.MAX, Set.of(VggLayer.RELU3_1));
        Tensor first = session.upload(imageShape(), TinyVgg.gaussian(1, 3 * HEIGHT * WIDTH, 50));
        Tensor other = session.upload(new Shape(3, 20, 44), TinyVgg.gaussian(2, 3 * 20 * 44, 50));

        float[] before = network.forward(first).get(VggLayer.RELU3_1).toArray();
        Map<VggLayer, Tensor> otherFeatures = network.forward(other);
        float[] after = network.forward(first).get(VggLayer.RELU3_1).toArray();

        assertThat(otherFeatures.get(VggLayer.RELU3_1).shape()).isEqualTo(new Shape(8, 5, 11));
        assertClose("relu3_1 again", after, before, 1e-6);
    }

    // ---------------------------------------------------------------- network: gradients

    static Stream<Arguments> layersAndPoolings() {
        List<VggLayer> layers = List.of(VggLayer.CONV1_1, VggLayer.RELU1_1, VggLayer.POOL1, VggLayer.CONV2_1,
                VggLayer.RELU2_2, VggLayer.POOL2, VggLayer.RELU3_4, VggLayer.POOL3, VggLayer.CONV4_2, VggLayer.RELU4_2,
                VggLayer.POOL4, VggLayer.RELU5_1);
        return Stream.of(Pooling.values()).flatMap(p -> layers.stream().map(l -> Arguments.of(l, p)));
    }

    @ParameterizedTest(name = "{0} with {1} pooling")
    @MethodSource("layersAndPoolings")
    void backwardIsTheGradientOfTheLayerActivations(VggLayer layer, Pooling pooling) {
        float[] x0 = TinyVgg.gaussian(21, 3 * HEIGHT * WIDTH, 50);
        FeatureNetwork network = session.network(WEIGHTS, pooling, Set.of(layer));
        Tensor x = session.upload(imageShape(), x0);
        Shape outShape = network.forward(x).get(layer).shape();
        float[] r = TinyVgg.gaussian(22, outShape.intSize(), 1);
        Tensor gradient = session.zeros(imageShape());

        network.forward(x);
        network.backward(Map.of(layer, session.upload(outShape, r)), gradient);
        float[] g = gradient.toArray();

        assertClose("gradient at " + layer.id(), g, referenceBackward(pooling, x0, layer, r), 1e-3);
        // The network is piecewise linear: along a random direction the derivative is a sum with much cancellation,
        // and the few ReLU or max-pool switches a finite step causes swamp it. Along the gradient itself the
        // derivative is |g|^2 and the check is sharp.
        ToDoubleFunction<float[]> phi = image -> dot(r, network.forward(session.upload(imageShape(), image)).get(layer).toArray());
        assertDirectionalDerivative(phi, x0, g, g, 1e-2);
    }

    @Test
    void gradientsInjectedAtSeveralLayersAdd() {
        float[] x0 = TinyVgg.gaussian(31, 3 * HEIGHT * WIDTH, 50);
        Set<VggLayer> layers = EnumSet.of(VggLayer.RELU1_1, VggLayer.RELU3_1, VggLayer.RELU4_2);
        FeatureNetwork network = session.network(WEIGHTS, Pooling.MAX, layers);
        Tensor x = session.upload(imageShape(), x0);
        Map<VggLayer, Tensor> features = network.forward(x);
        Map<VggLayer, Tensor> injected = new java.util.EnumMap<>(VggLayer.class);
        long seed = 40;
        for (VggLayer layer : layers) {
            Shape s = features.get(layer).shape();
            injected.put(layer, session.upload(s, TinyVgg.gaussian(seed++, s.intSize(), 1)));
        }
        Tensor all = session.zeros(imageShape());
        network.backward(injected, all);

        float[] sum = new float[x0.length];
        for (VggLayer layer : layers) {
            Tensor one = session.zeros(imageShape());
            network.backward(Map.of(layer, injected.get(layer)), one);
            float[] g = one.toArray();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += g[i];
            }
        }
        assertClose("sum of separate backward passes", all.toArray(), sum, 1e-4);
    }

    // ---------------------------------------------------------------- losses and Gram matrices

    @Test
    void gramMatchesTheReference() {
        Shape s = new Shape(7, 5, 9);
        float[] f = TinyVgg.gaussian(51, s.intSize(), 3);
        Tensor gram = session.zeros(s.gram());

        losses.gram(session.upload(s, f), null, 1.0 / (7 * 45), false, gram);

        assertClose("gram", gram.toArray(), ReferenceKernels.gram(f, 7, 45), 1e-5);
    }

    @Test
    void gramTakesPositionWeightsAndACallerGivenScale() {
        Shape s = new Shape(6, 5, 7);
        float[] f = TinyVgg.gaussian(55, s.intSize(), 2);
        float[] w = positiveWeights(56, s.intArea());
        Tensor gram = session.upload(s.gram(), TinyVgg.gaussian(57, 36, 5));

        losses.gram(session.upload(s, f), session.upload(s.positions(), w), 0.37, false, gram);

        assertClose("weighted gram", gram.toArray(), ReferenceKernels.gram(f, 6, 35, w, 0.37), 1e-5);
    }

    @Test
    void gramAccumulatesWhenAsked() {
        Shape s = new Shape(5, 4, 6);
        float[] f = TinyVgg.gaussian(58, s.intSize(), 2);
        float[] before = TinyVgg.gaussian(59, 25, 1);
        Tensor gram = session.upload(s.gram(), before);

        losses.gram(session.upload(s, f), null, 0.5, true, gram);

        float[] expected = ReferenceKernels.gram(f, 5, 24, null, 0.5);
        for (int i = 0; i < expected.length; i++) {
            expected[i] += before[i];
        }
        assertClose("accumulated gram", gram.toArray(), expected, 1e-5);
    }

    @Test
    void gramBackwardIsTheGradientOfTheGramMatrix() {
        Shape s = new Shape(6, 4, 7);
        float[] f0 = TinyVgg.gaussian(52, s.intSize(), 2);
        float[] r = TinyVgg.gaussian(53, 36, 1);
        Tensor dF = session.upload(s, TinyVgg.gaussian(54, s.intSize(), 1));
        float[] before = dF.toArray();
        double scale = 1.0 / s.size();

        losses.gramBackward(session.upload(s, f0), null, scale, session.upload(s.gram(), r), dF);

        float[] g = subtract(dF.toArray(), before);
        assertClose("gram backward", g, ReferenceKernels.gramBackward(f0, 6, 28, null, scale, r), 1e-4);
        assertGradient(f -> dot(r, gramOf(s, f, null, scale)), f0, g, 1e-3);
    }

    @Test
    void gramBackwardWithPositionWeightsAndScaleIsItsGradient() {
        Shape s = new Shape(5, 6, 3);
        float[] f0 = TinyVgg.gaussian(151, s.intSize(), 2);
        float[] w = positiveWeights(152, s.intArea());
        float[] r = TinyVgg.gaussian(153, 25, 1);
        Tensor weights = session.upload(s.positions(), w);
        Tensor dF = session.zeros(s);

        losses.gramBackward(session.upload(s, f0), weights, 2.5, session.upload(s.gram(), r), dF);

        float[] g = dF.toArray();
        assertClose("weighted gram backward", g, ReferenceKernels.gramBackward(f0, 5, 18, w, 2.5, r), 1e-4);
        assertGradient(f -> dot(r, gramOf(s, f, w, 2.5)), f0, g, 1e-3);
    }

    @Test
    void meanSquaredErrorIsWeightedMeanAndAccumulatesItsGradient() {
        Shape s = new Shape(5, 6, 7);
        float[] x0 = TinyVgg.gaussian(61, s.intSize(), 2);
        float[] t = TinyVgg.gaussian(62, s.intSize(), 2);
        Tensor target = session.upload(s, t);
        Tensor gradient = session.upload(s, TinyVgg.gaussian(63, s.intSize(), 1));
        float[] before = gradient.toArray();

        double loss = losses.meanSquaredError(session.upload(s, x0), target, null, x0.length, 3.5, gradient);

        double expected = 0;
        for (int i = 0; i < x0.length; i++) {
            expected += Math.pow((double) x0[i] - t[i], 2);
        }
        assertThat(loss).isCloseTo(3.5 * expected / x0.length, within(1e-5 * loss));
        assertThat(losses.meanSquaredError(session.upload(s, x0), target, null, x0.length, 3.5, null))
                .isCloseTo(loss, within(1e-6 * loss));
        assertGradient(x -> losses.meanSquaredError(session.upload(s, x), target, null, x0.length, 3.5, null), x0,
                subtract(gradient.toArray(), before), 1e-3);
    }

    @Test
    void meanSquaredErrorTakesElementWeightsAndACallerGivenCount() {
        Shape s = new Shape(4, 5, 6);
        float[] x0 = TinyVgg.gaussian(161, s.intSize(), 2);
        float[] t = TinyVgg.gaussian(162, s.intSize(), 2);
        float[] e = positiveWeights(163, s.intSize());
        Tensor target = session.upload(s, t);
        Tensor weights = session.upload(s, e);
        Tensor gradient = session.zeros(s);
        double count = 1234.5;

        double loss = losses.meanSquaredError(session.upload(s, x0), target, weights, count, 0.8, gradient);

        double expected = ReferenceKernels.meanSquaredError(x0, t, e, count, 0.8);
        assertThat(loss).isCloseTo(expected, within(1e-5 * expected));
        assertClose("weighted mse gradient", gradient.toArray(),
                ReferenceKernels.meanSquaredErrorGradient(x0, t, e, count, 0.8), 1e-5);
        assertGradient(x -> losses.meanSquaredError(session.upload(s, x), target, weights, count, 0.8, null), x0,
                gradient.toArray(), 1e-3);
    }

    @Test
    void styleLossChainIsTheGradientOfTheGramMismatch() {
        Shape s = new Shape(6, 5, 4);
        float[] f0 = TinyVgg.gaussian(71, s.intSize(), 2);
        double scale = 1.0 / s.size();
        Tensor target = session.zeros(s.gram());
        losses.gram(session.upload(s, TinyVgg.gaussian(72, s.intSize(), 2)), null, scale, false, target);
        Tensor gram = session.zeros(s.gram());
        Tensor gramGradient = session.zeros(s.gram());
        Tensor features = session.upload(s, f0);
        Tensor featureGradient = session.zeros(s);

        losses.gram(features, null, scale, false, gram);
        losses.meanSquaredError(gram, target, null, 36, 100, gramGradient);
        losses.gramBackward(features, null, scale, gramGradient, featureGradient);

        ToDoubleFunction<float[]> loss = f -> {
            Tensor g = session.zeros(s.gram());
            losses.gram(session.upload(s, f), null, scale, false, g);
            return losses.meanSquaredError(g, target, null, 36, 100, null);
        };
        assertGradient(loss, f0, featureGradient.toArray(), 1e-3);
    }

    // ---------------------------------------------------------------- style masks (Gatys et al. 2017)

    /**
     * The masked style loss of the exact definition, {@code sum_i mean((G_i - A_i)^2)} with
     * {@code G_i = (F diag(m_i)) (F diag(m_i))^T / (C * sum_p m_i[p])}, built from the kernels as the core builds it
     * (position weights {@code m_i^2}); accumulates its gradient into {@code featureGradient} unless it is null.
     */
    private double maskedStyleLoss(Shape s, Tensor features, List<float[]> masks, List<Tensor> targets,
                                   Tensor featureGradient) {
        double loss = 0;
        for (int i = 0; i < masks.size(); i++) {
            float[] m = masks.get(i);
            float[] squared = new float[m.length];
            double sum = 0;
            for (int p = 0; p < m.length; p++) {
                squared[p] = m[p] * m[p];
                sum += m[p];
            }
            double scale = 1.0 / (s.channels() * sum);
            Tensor weights = session.upload(s.positions(), squared);
            Tensor gram = session.zeros(s.gram());
            Tensor gramGradient = session.zeros(s.gram());
            losses.gram(features, weights, scale, false, gram);
            loss += losses.meanSquaredError(gram, targets.get(i), null, s.gram().size(), 1.0,
                    featureGradient == null ? null : gramGradient);
            if (featureGradient != null) {
                losses.gramBackward(features, weights, scale, gramGradient, featureGradient);
            }
        }
        return loss;
    }

    /** A mask of {@code s}'s positions, 0 left of column {@code from}, then rising linearly to 1 at the right edge. */
    private static float[] rampMask(Shape s, int from) {
        float[] m = new float[s.intArea()];
        for (int y = 0; y < s.height(); y++) {
            for (int x = from; x < s.width(); x++) {
                m[y * s.width() + x] = (float) (x - from + 1) / (s.width() - from);
            }
        }
        return m;
    }

    private Tensor gramTarget(Shape s, long seed) {
        Tensor target = session.zeros(s.gram());
        losses.gram(session.upload(s, TinyVgg.gaussian(seed, s.intSize(), 2)), null, 1.0 / s.size(), false, target);
        return target;
    }

    @Test
    void maskedStyleLossOfTwoStylesMatchesItsDefinitionAndIsItsGradient() {
        Shape s = new Shape(5, 4, 6);
        float[] f0 = TinyVgg.gaussian(171, s.intSize(), 2);
        float[] left = rampMask(s, 0);
        float[] right = new float[left.length];
        for (int p = 0; p < left.length; p++) {
            right[p] = 1 - left[p];
        }
        List<float[]> masks = List.of(left, right);
        List<Tensor> targets = List.of(gramTarget(s, 172), gramTarget(s, 173));
        Tensor featureGradient = session.zeros(s);

        double loss = maskedStyleLoss(s, session.upload(s, f0), masks, targets, featureGradient);

        double expected = 0;
        for (int i = 0; i < 2; i++) {
            float[] m = masks.get(i);
            double sum = 0;
            float[] squared = new float[m.length];
            for (int p = 0; p < m.length; p++) {
                sum += m[p];
                squared[p] = m[p] * m[p];
            }
            float[] gram = ReferenceKernels.gram(f0, 5, 24, squared, 1.0 / (5 * sum));
            expected += ReferenceKernels.meanSquaredError(gram, targets.get(i).toArray(), null, 25, 1.0);
        }
        assertThat(loss).isCloseTo(expected, within(1e-5 * expected));
        assertGradient(f -> maskedStyleLoss(s, session.upload(s, f), masks, targets, null), f0,
                featureGradient.toArray(), 1e-3);
    }

    @Test
    void anAllWhiteMaskGivesTheUnmaskedStyleLossAndGradient() {
        Shape s = new Shape(6, 5, 7);
        float[] f0 = TinyVgg.gaussian(181, s.intSize(), 2);
        Tensor features = session.upload(s, f0);
        Tensor target = gramTarget(s, 182);
        float[] white = new float[s.intArea()];
        Arrays.fill(white, 1f);
        Tensor maskedGradient = session.zeros(s);

        double masked = maskedStyleLoss(s, features, List.of(white), List.of(target), maskedGradient);

        Tensor gram = session.zeros(s.gram());
        Tensor gramGradient = session.zeros(s.gram());
        Tensor plainGradient = session.zeros(s);
        losses.gram(features, null, 1.0 / s.size(), false, gram);
        double plain = losses.meanSquaredError(gram, target, null, s.gram().size(), 1.0, gramGradient);
        losses.gramBackward(features, null, 1.0 / s.size(), gramGradient, plainGradient);
        assertThat(masked).isCloseTo(plain, within(1e-6 * plain));
        assertClose("gradient under an all-white mask", maskedGradient.toArray(), plainGradient.toArray(), 1e-6);
    }

    @Test
    void aStyleMaskBlackOnTheLeftHalfLeavesTheLeftHalfsGradientAtZero() {
        Shape s = new Shape(4, 5, 8);
        float[] f0 = TinyVgg.gaussian(191, s.intSize(), 2);
        Tensor featureGradient = session.zeros(s);

        maskedStyleLoss(s, session.upload(s, f0), List.of(rampMask(s, 4)), List.of(gramTarget(s, 192)),
                featureGradient);

        float[] g = featureGradient.toArray();
        double rightHalf = 0;
        for (int c = 0; c < s.channels(); c++) {
            for (int y = 0; y < s.height(); y++) {
                for (int x = 0; x < s.width(); x++) {
                    float v = g[(c * s.height() + y) * s.width() + x];
                    if (x < 4) {
                        assertThat(Math.abs(v)).as("gradient at channel %d, row %d, column %d", c, y, x).isEqualTo(0f);
                    } else {
                        rightHalf += Math.abs(v);
                    }
                }
            }
        }
        assertThat(rightHalf).as("the right half's gradient").isPositive();
    }

    @Test
    void totalVariationMatchesTheDefinitionAndItsGradient() {
        Shape s = new Shape(3, 9, 13);
        float[] x0 = TinyVgg.gaussian(81, s.intSize(), 20);
        Tensor gradient = session.zeros(s);

        double tv = losses.totalVariation(session.upload(s, x0), 1e-3, gradient);

        assertThat(tv).isCloseTo(ReferenceKernels.totalVariation(x0, 3, 9, 13, 1e-3), within(1e-5 * tv));
        assertGradient(x -> losses.totalVariation(session.upload(s, x), 1e-3, null), x0, gradient.toArray(), 1e-3);
    }

    // ---------------------------------------------------------------- regions (tiles)

    @ParameterizedTest(name = "{0} channels, add {1}")
    @MethodSource("regionCases")
    void aRegionIsCopiedOrAddedChannelByChannel(int channels, boolean add) {
        Shape big = new Shape(channels, 13, 17);
        Shape tile = new Shape(channels, 6, 9);
        float[] image = TinyVgg.gaussian(171, big.intSize(), 1);
        float[] before = TinyVgg.gaussian(172, tile.intSize(), 1);
        LossKernels.Region region = new LossKernels.Region(5, 7, 4, 8);
        Tensor to = session.upload(tile, before);

        if (add) {
            losses.addRegion(session.upload(big, image), region, to, 1, 1);
        } else {
            losses.copyRegion(session.upload(big, image), region, to, 1, 1);
        }

        assertThat(to.toArray()).containsExactly(ReferenceKernels.region(image, 13, 17, 5, 7, 4, 8, before, channels,
                6, 9, 1, 1, add));
    }

    @Test
    void aTileAddedBackWhereItWasCopiedFromRestoresTheImage() {
        Shape big = new Shape(3, 11, 10);
        float[] image = TinyVgg.gaussian(173, big.intSize(), 1);
        Tensor source = session.upload(big, image);
        Tensor tile = session.zeros(new Shape(3, 5, 10));
        Tensor rebuilt = session.zeros(big);

        for (int y = 0; y < 11; y += 5) {
            int rows = Math.min(5, 11 - y);
            losses.copyRegion(source, new LossKernels.Region(y, 0, rows, 10), tile, 0, 0);
            losses.addRegion(tile, new LossKernels.Region(0, 0, rows, 10), rebuilt, y, 0);
        }

        assertThat(rebuilt.toArray()).containsExactly(image);
    }

    static Stream<Arguments> regionCases() {
        return Stream.of(Arguments.of(3, false), Arguments.of(3, true), Arguments.of(7, false), Arguments.of(7, true));
    }

    // ---------------------------------------------------------------- scopes

    @Test
    void closingAScopeFreesItsTensorsAndTheScopesOpenedInIt() {
        Tensor kept = session.upload(new Shape(1, 2, 3), new float[] {1, 2, 3, 4, 5, 6});
        TensorScope stage = session.openScope();
        Tensor a = stage.zeros(new Shape(3, 4, 5));
        TensorScope inner = stage.openScope();
        Tensor b = inner.upload(new Shape(1, 1, 2), new float[] {7, 8});
        Tensor closedEarly = stage.zeros(new Shape(2, 2, 2));
        closedEarly.close();

        stage.close();

        assertThatThrownBy(a::toArray).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(b::toArray).isInstanceOf(IllegalStateException.class);
        assertThat(kept.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        stage.close();
        TensorScope next = session.openScope();
        assertThat(next.upload(new Shape(1, 1, 1), new float[] {9}).toArray()).containsExactly(9);
        next.close();
    }

    // ---------------------------------------------------------------- vector arithmetic for the optimisers

    @Test
    void vectorArithmeticMatchesDoublePrecision() {
        Shape s = new Shape(3, 301, 257);
        float[] a = TinyVgg.gaussian(91, s.intSize(), 1);
        float[] b = TinyVgg.gaussian(92, s.intSize(), 1);
        Tensor ta = session.upload(s, a);
        Tensor tb = session.upload(s, b);

        assertThat(ta.toArray()).containsExactly(a);
        assertThat(vectors.dot(ta, tb)).isCloseTo(dot(a, b), within(1e-4 * Math.sqrt(a.length)));
        assertThat(vectors.sumAbs(ta)).isCloseTo(sumAbs(a), within(1e-6 * sumAbs(a)));

        vectors.axpy(-0.5, ta, tb);
        float[] expected = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = b[i] - 0.5f * a[i];
        }
        assertClose("axpy", tb.toArray(), expected, 1e-6);

        vectors.scale(tb, 2);
        for (int i = 0; i < a.length; i++) {
            expected[i] *= 2;
        }
        assertClose("scale", tb.toArray(), expected, 1e-6);

        Tensor copy = session.zeros(s);
        vectors.copy(ta, copy);
        assertThat(copy.toArray()).containsExactly(a);
        vectors.zero(copy);
        assertThat(copy.toArray()).containsOnly(0f);
    }

    @Test
    void adamStepFollowsKingmaAndBa() {
        Shape s = new Shape(3, 8, 5);
        float[] x0 = TinyVgg.gaussian(95, s.intSize(), 10);
        float[] g = TinyVgg.gaussian(96, s.intSize(), 3);
        float[] m0 = TinyVgg.gaussian(97, s.intSize(), 1);
        float[] v0 = new float[s.intSize()];
        for (int i = 0; i < v0.length; i++) {
            v0[i] = Math.abs(TinyVgg.gaussian(98 + i, 1, 1)[0]);
        }
        Tensor x = session.upload(s, x0);
        Tensor m = session.upload(s, m0);
        Tensor v = session.upload(s, v0);

        vectors.adamStep(x, session.upload(s, g), m, v, new OptimizerKernels.AdamStep(10, 0.9, 0.999, 1e-8, 3));

        float[] expectedX = new float[x0.length];
        for (int i = 0; i < x0.length; i++) {
            double mi = 0.9 * m0[i] + 0.1 * g[i];
            double vi = 0.999 * v0[i] + 0.001 * g[i] * g[i];
            double mHat = mi / (1 - Math.pow(0.9, 3));
            double vHat = vi / (1 - Math.pow(0.999, 3));
            expectedX[i] = (float) (x0[i] - 10 * mHat / (Math.sqrt(vHat) + 1e-8));
        }
        assertClose("x after Adam", x.toArray(), expectedX, 1e-5);
    }

    // ---------------------------------------------------------------- helpers

    /** The Gram matrix of {@code f} with the kernels under test. */
    private float[] gramOf(Shape s, float[] f, float[] w, double scale) {
        Tensor gram = session.zeros(s.gram());
        losses.gram(session.upload(s, f), w == null ? null : session.upload(s.positions(), w), scale, false, gram);
        return gram.toArray();
    }

    /** Weights in 0.1 .. 1.1, as masks give (positive, not all equal). */
    private static float[] positiveWeights(long seed, int n) {
        float[] w = new float[n];
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            w[i] = 0.1f + random.nextFloat();
        }
        return w;
    }

    private static Shape imageShape() {
        return new Shape(3, HEIGHT, WIDTH);
    }

    private static Shape referenceShape(VggLayer layer) {
        return new Shape(WEIGHTS.channelsAt(layer), HEIGHT >> layer.poolingsBefore(), WIDTH >> layer.poolingsBefore());
    }

    private static Map<VggLayer, float[]> referenceForward(Pooling pooling, float[] image) {
        try (ReferenceBackend reference = new ReferenceBackend(); ComputeSession s = reference.openSession()) {
            Map<VggLayer, Tensor> out = s.network(WEIGHTS, pooling, OUTPUTS)
                    .forward(s.upload(imageShape(), image));
            Map<VggLayer, float[]> values = new java.util.EnumMap<>(VggLayer.class);
            out.forEach((layer, t) -> values.put(layer, t.toArray()));
            return values;
        }
    }

    private static float[] referenceBackward(Pooling pooling, float[] image, VggLayer layer, float[] r) {
        try (ReferenceBackend reference = new ReferenceBackend(); ComputeSession s = reference.openSession()) {
            FeatureNetwork network = s.network(WEIGHTS, pooling, Set.of(layer));
            Tensor x = s.upload(imageShape(), image);
            Shape outShape = network.forward(x).get(layer).shape();
            Tensor g = s.zeros(imageShape());
            network.backward(Map.of(layer, s.upload(outShape, r)), g);
            return g.toArray();
        }
    }

    /**
     * The central difference along the unit vector {@code u = v/|v|} agrees with {@code g . u}. The step is small
     * relative to the typical magnitude of {@code x0} but large enough for float32 evaluations.
     */
    private static void assertDirectionalDerivative(ToDoubleFunction<float[]> f, float[] x0, float[] g, float[] v,
                                                    double relativeTolerance) {
        double norm = Math.sqrt(dot(v, v));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / norm);
        }
        double h = 2e-3 * Math.max(Math.sqrt(dot(x0, x0) / x0.length), 1);
        double numeric = (f.applyAsDouble(add(x0, u, h)) - f.applyAsDouble(add(x0, u, -h))) / (2 * h);
        double analytic = dot(g, u);
        assertThat(numeric).as("directional derivative (analytic %s)", analytic)
                .isCloseTo(analytic, within(relativeTolerance * Math.abs(analytic) + 1e-4 * Math.sqrt(dot(g, g))));
    }

    /** Directional derivatives along random directions and along a few coordinates. */
    private static void assertGradient(ToDoubleFunction<float[]> f, float[] x0, float[] g, double relativeTolerance) {
        for (long seed = 1; seed <= 3; seed++) {
            assertDirectionalDerivative(f, x0, g, TinyVgg.gaussian(200 + seed, x0.length, 1), relativeTolerance);
        }
        for (int i : new int[] {0, x0.length / 3, x0.length - 1}) {
            float[] e = new float[x0.length];
            e[i] = 1;
            assertDirectionalDerivative(f, x0, g, e, 2e-2);
        }
    }

    protected static void assertClose(String what, float[] actual, float[] expected, double relativeTolerance) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        double max = 0;
        for (float e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        double tolerance = relativeTolerance * Math.max(max, 1e-6);
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > tolerance) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " (tolerance " + tolerance + ")");
            }
        }
    }

    protected static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double sumAbs(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += Math.abs(v);
        }
        return sum;
    }

    private static float[] add(float[] x, float[] v, double h) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] + h * v[i]);
        }
        return out;
    }

    private static float[] subtract(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
