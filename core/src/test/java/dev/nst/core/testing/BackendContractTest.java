package dev.nst.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;
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
    private ComputeSession session;
    protected TensorMath math;

    /** A fresh backend; it is closed after each test. */
    protected abstract ComputeBackend createBackend();

    @BeforeEach
    void openBackend() {
        backend = createBackend();
        session = backend.openSession();
        math = session.math();
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
        Map<VggLayer, Tensor> actual = network.forward(math.upload(imageShape(), image));

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(OUTPUTS);
        for (VggLayer layer : OUTPUTS) {
            assertThat(actual.get(layer).shape()).as(layer.id()).isEqualTo(referenceShape(layer));
            assertClose(layer.id(), actual.get(layer).toArray(), expected.get(layer), 1e-4);
        }
    }

    @Test
    void aNetworkServesImagesOfDifferentSizesInTurn() {
        FeatureNetwork network = session.network(WEIGHTS, Pooling.MAX, Set.of(VggLayer.RELU3_1));
        Tensor first = math.upload(imageShape(), TinyVgg.gaussian(1, 3 * HEIGHT * WIDTH, 50));
        Tensor other = math.upload(new Shape(3, 20, 44), TinyVgg.gaussian(2, 3 * 20 * 44, 50));

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
        Tensor x = math.upload(imageShape(), x0);
        Shape outShape = network.forward(x).get(layer).shape();
        float[] r = TinyVgg.gaussian(22, outShape.size(), 1);
        Tensor gradient = math.zeros(imageShape());

        network.forward(x);
        network.backward(Map.of(layer, math.upload(outShape, r)), gradient);
        float[] g = gradient.toArray();

        assertClose("gradient at " + layer.id(), g, referenceBackward(pooling, x0, layer, r), 1e-3);
        // The network is piecewise linear: along a random direction the derivative is a sum with much cancellation,
        // and the few ReLU or max-pool switches a finite step causes swamp it. Along the gradient itself the
        // derivative is |g|^2 and the check is sharp.
        ToDoubleFunction<float[]> phi = image -> dot(r, network.forward(math.upload(imageShape(), image)).get(layer).toArray());
        assertDirectionalDerivative(phi, x0, g, g, 1e-2);
    }

    @Test
    void gradientsInjectedAtSeveralLayersAdd() {
        float[] x0 = TinyVgg.gaussian(31, 3 * HEIGHT * WIDTH, 50);
        Set<VggLayer> layers = EnumSet.of(VggLayer.RELU1_1, VggLayer.RELU3_1, VggLayer.RELU4_2);
        FeatureNetwork network = session.network(WEIGHTS, Pooling.MAX, layers);
        Tensor x = math.upload(imageShape(), x0);
        Map<VggLayer, Tensor> features = network.forward(x);
        Map<VggLayer, Tensor> injected = new java.util.EnumMap<>(VggLayer.class);
        long seed = 40;
        for (VggLayer layer : layers) {
            Shape s = features.get(layer).shape();
            injected.put(layer, math.upload(s, TinyVgg.gaussian(seed++, s.size(), 1)));
        }
        Tensor all = math.zeros(imageShape());
        network.backward(injected, all);

        float[] sum = new float[x0.length];
        for (VggLayer layer : layers) {
            Tensor one = math.zeros(imageShape());
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
        float[] f = TinyVgg.gaussian(51, s.size(), 3);
        Tensor gram = math.zeros(s.gram());

        math.gram(math.upload(s, f), gram);

        assertClose("gram", gram.toArray(), ReferenceKernels.gram(f, 7, 45), 1e-5);
    }

    @Test
    void gramBackwardIsTheGradientOfTheGramMatrix() {
        Shape s = new Shape(6, 4, 7);
        float[] f0 = TinyVgg.gaussian(52, s.size(), 2);
        float[] r = TinyVgg.gaussian(53, 36, 1);
        Tensor dF = math.upload(s, TinyVgg.gaussian(54, s.size(), 1));
        float[] before = dF.toArray();

        math.gramBackward(math.upload(s, f0), math.upload(s.gram(), r), dF);

        float[] g = subtract(dF.toArray(), before);
        ToDoubleFunction<float[]> phi = f -> {
            Tensor gram = math.zeros(s.gram());
            math.gram(math.upload(s, f), gram);
            return dot(r, gram.toArray());
        };
        assertGradient(phi, f0, g, 1e-3);
    }

    @Test
    void meanSquaredErrorIsWeightedMeanAndAccumulatesItsGradient() {
        Shape s = new Shape(5, 6, 7);
        float[] x0 = TinyVgg.gaussian(61, s.size(), 2);
        float[] t = TinyVgg.gaussian(62, s.size(), 2);
        Tensor target = math.upload(s, t);
        Tensor gradient = math.upload(s, TinyVgg.gaussian(63, s.size(), 1));
        float[] before = gradient.toArray();

        double loss = math.meanSquaredError(math.upload(s, x0), target, 3.5, gradient);

        double expected = 0;
        for (int i = 0; i < x0.length; i++) {
            expected += Math.pow((double) x0[i] - t[i], 2);
        }
        assertThat(loss).isCloseTo(3.5 * expected / x0.length, within(1e-5 * loss));
        assertThat(math.meanSquaredError(math.upload(s, x0), target, 3.5, null)).isCloseTo(loss, within(1e-6 * loss));
        assertGradient(x -> math.meanSquaredError(math.upload(s, x), target, 3.5, null), x0,
                subtract(gradient.toArray(), before), 1e-3);
    }

    @Test
    void styleLossChainIsTheGradientOfTheGramMismatch() {
        Shape s = new Shape(6, 5, 4);
        float[] f0 = TinyVgg.gaussian(71, s.size(), 2);
        Tensor target = math.zeros(s.gram());
        math.gram(math.upload(s, TinyVgg.gaussian(72, s.size(), 2)), target);
        Tensor gram = math.zeros(s.gram());
        Tensor gramGradient = math.zeros(s.gram());
        Tensor features = math.upload(s, f0);
        Tensor featureGradient = math.zeros(s);

        math.gram(features, gram);
        math.meanSquaredError(gram, target, 100, gramGradient);
        math.gramBackward(features, gramGradient, featureGradient);

        ToDoubleFunction<float[]> loss = f -> {
            Tensor g = math.zeros(s.gram());
            math.gram(math.upload(s, f), g);
            return math.meanSquaredError(g, target, 100, null);
        };
        assertGradient(loss, f0, featureGradient.toArray(), 1e-3);
    }

    @Test
    void totalVariationMatchesTheDefinitionAndItsGradient() {
        Shape s = new Shape(3, 9, 13);
        float[] x0 = TinyVgg.gaussian(81, s.size(), 20);
        Tensor gradient = math.zeros(s);

        double tv = math.totalVariation(math.upload(s, x0), 1e-3, gradient);

        assertThat(tv).isCloseTo(ReferenceKernels.totalVariation(x0, 3, 9, 13, 1e-3), within(1e-5 * tv));
        assertGradient(x -> math.totalVariation(math.upload(s, x), 1e-3, null), x0, gradient.toArray(), 1e-3);
    }

    // ---------------------------------------------------------------- vector arithmetic for the optimisers

    @Test
    void vectorArithmeticMatchesDoublePrecision() {
        Shape s = new Shape(3, 301, 257);
        float[] a = TinyVgg.gaussian(91, s.size(), 1);
        float[] b = TinyVgg.gaussian(92, s.size(), 1);
        Tensor ta = math.upload(s, a);
        Tensor tb = math.upload(s, b);

        assertThat(ta.toArray()).containsExactly(a);
        assertThat(math.dot(ta, tb)).isCloseTo(dot(a, b), within(1e-4 * Math.sqrt(a.length)));
        assertThat(math.sumAbs(ta)).isCloseTo(sumAbs(a), within(1e-6 * sumAbs(a)));

        math.axpy(-0.5, ta, tb);
        float[] expected = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = b[i] - 0.5f * a[i];
        }
        assertClose("axpy", tb.toArray(), expected, 1e-6);

        math.scale(tb, 2);
        for (int i = 0; i < a.length; i++) {
            expected[i] *= 2;
        }
        assertClose("scale", tb.toArray(), expected, 1e-6);

        Tensor copy = math.zeros(s);
        math.copy(ta, copy);
        assertThat(copy.toArray()).containsExactly(a);
        math.zero(copy);
        assertThat(copy.toArray()).containsOnly(0f);
    }

    @Test
    void adamStepFollowsKingmaAndBa() {
        Shape s = new Shape(3, 8, 5);
        float[] x0 = TinyVgg.gaussian(95, s.size(), 10);
        float[] g = TinyVgg.gaussian(96, s.size(), 3);
        float[] m0 = TinyVgg.gaussian(97, s.size(), 1);
        float[] v0 = new float[s.size()];
        for (int i = 0; i < v0.length; i++) {
            v0[i] = Math.abs(TinyVgg.gaussian(98 + i, 1, 1)[0]);
        }
        Tensor x = math.upload(s, x0);
        Tensor m = math.upload(s, m0);
        Tensor v = math.upload(s, v0);

        math.adamStep(x, math.upload(s, g), m, v, new TensorMath.AdamStep(10, 0.9, 0.999, 1e-8, 3));

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

    private static Shape imageShape() {
        return new Shape(3, HEIGHT, WIDTH);
    }

    private static Shape referenceShape(VggLayer layer) {
        return new Shape(WEIGHTS.channelsAt(layer), HEIGHT >> layer.poolingsBefore(), WIDTH >> layer.poolingsBefore());
    }

    private static Map<VggLayer, float[]> referenceForward(Pooling pooling, float[] image) {
        try (ReferenceBackend reference = new ReferenceBackend(); ComputeSession s = reference.openSession()) {
            Map<VggLayer, Tensor> out = s.network(WEIGHTS, pooling, OUTPUTS)
                    .forward(s.math().upload(imageShape(), image));
            Map<VggLayer, float[]> values = new java.util.EnumMap<>(VggLayer.class);
            out.forEach((layer, t) -> values.put(layer, t.toArray()));
            return values;
        }
    }

    private static float[] referenceBackward(Pooling pooling, float[] image, VggLayer layer, float[] r) {
        try (ReferenceBackend reference = new ReferenceBackend(); ComputeSession s = reference.openSession()) {
            FeatureNetwork network = s.network(WEIGHTS, pooling, Set.of(layer));
            Tensor x = s.math().upload(imageShape(), image);
            Shape outShape = network.forward(x).get(layer).shape();
            Tensor g = s.math().zeros(imageShape());
            network.backward(Map.of(layer, s.math().upload(outShape, r)), g);
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
