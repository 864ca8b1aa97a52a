package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.image.ImageFiles;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import dev.nst.cpu.CpuBackendProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a torchvision checkpoint, read by nst and run through the real CPU backend on a photo, gives the
 * activations PyTorch computed for the same photo ({@code make_torch_fixtures.py}), which proves the preprocessing
 * (RGB, 0..1, mean and std), the channel order, the layout conversion and the zero padding at the borders.
 */
class TorchvisionFeaturesTest {

    /** Largest difference allowed, relative to the largest activation of the layer. */
    private static final double TOLERANCE = 1e-4;
    private static final Set<VggLayer> LAYERS = EnumSet.of(VggLayer.RELU1_1, VggLayer.RELU3_1, VggLayer.RELU5_1);

    private static ComputeBackend backend;

    @TempDir
    Path temp;

    @BeforeAll
    static void cpu() {
        backend = new CpuBackendProvider().create(new BackendOptions(1));
    }

    @AfterAll
    static void release() {
        backend.close();
    }

    @Test
    void theCheckpointGivesPyTorchsFeatures() throws IOException {
        Vgg19Weights weights = new WeightsRepository(temp.resolve("nst"), temp.resolve("home"))
                .load(new WeightsSpec.File(fixture("torchvision_features.pth")), VggLayer.RELU5_1);

        assertMatchesPyTorch(weights);
    }

    @Test
    void theConvertedCacheEntryGivesTheSameFeatures() throws IOException {
        WeightsCache cache = new WeightsCache(temp.resolve("cache"));
        CachedWeights entry = cache.importFile(fixture("torchvision_features.pth"), Optional.empty());

        assertMatchesPyTorch(cache.load(entry, VggLayer.RELU5_1));
    }

    private static void assertMatchesPyTorch(Vgg19Weights weights) throws IOException {
        RgbImage photo = ImageFiles.read(fixture("features_input.png"));
        assertThat(photo.width()).isEqualTo(24);
        assertThat(photo.height()).isEqualTo(20);
        try (ComputeSession session = backend.openSession()) {
            FeatureNetwork network = session.network(weights, Pooling.MAX, LAYERS);
            Tensor input = session.upload(new Shape(3, photo.height(), photo.width()),
                    weights.preprocessing().toNetwork(photo));
            Map<VggLayer, Tensor> features = network.forward(input);
            for (VggLayer layer : LAYERS) {
                float[] expected = pytorch(layer);
                float[] actual = features.get(layer).toArray();
                assertThat(actual).as(layer.id() + " size").hasSameSizeAs(expected);
                double largest = 0;
                double worst = 0;
                for (int i = 0; i < expected.length; i++) {
                    largest = Math.max(largest, Math.abs(expected[i]));
                    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
                }
                assertThat(largest).as(layer.id() + " is not all zero").isPositive();
                assertThat(worst / largest).as(layer.id() + " largest difference, relative").isLessThan(TOLERANCE);
            }
        }
    }

    private static float[] pytorch(VggLayer layer) throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("features_" + layer.id() + ".f32"));
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
