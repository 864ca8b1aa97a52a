package dev.nst.core.domain.tiling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.testing.ReferenceBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReceptiveFieldTest {

    @ParameterizedTest
    @EnumSource(value = VggLayer.class, names = {"CONV1_1", "RELU1_2", "POOL1", "RELU2_1", "POOL2", "RELU3_1",
        "RELU4_2", "POOL4", "RELU5_1"})
    void theFieldIsExactlyThePixelsAFeatureDependsOn(VggLayer layer) {
        ReceptiveField field = ReceptiveField.of(layer);
        int side = 200;
        try (ComputeSession session = new ReferenceBackend().openSession()) {
            FeatureNetwork network = session.network(ones(layer), Pooling.AVG, Set.of(layer));
            for (int pixel : new int[] {0, 37, 100, 121, 199}) {
                // one lit pixel, all weights positive, no biases: a feature is positive exactly where it depends on it
                float[] image = new float[3 * side * side];
                image[pixel * side + pixel] = 1;
                float[] features = network.forward(session.upload(new Shape(3, side, side), image)).get(layer)
                        .toArray();
                Shape shape = new Shape(1, side >> layer.poolingsBefore(), side >> layer.poolingsBefore());
                for (int j = 0; j < shape.width(); j++) {
                    boolean expected = field.stride() * j - field.before() <= pixel
                            && pixel <= field.stride() * j + field.stride() - 1 + field.after();
                    // row j, column j of channel 0 depends on the lit pixel along both axes alike
                    assertThat(features[j * shape.width() + j] > 0).as("%s feature %d from pixel %d", layer.id(), j,
                            pixel).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = VggLayer.class, names = {"RELU1_1", "RELU5_1"})
    void knownFields(VggLayer layer) {
        assertThat(ReceptiveField.of(VggLayer.RELU1_1)).isEqualTo(new ReceptiveField(1, 1, 1));
        assertThat(ReceptiveField.of(VggLayer.RELU2_1)).isEqualTo(new ReceptiveField(2, 4, 4));
        assertThat(ReceptiveField.of(VggLayer.RELU5_1)).isEqualTo(new ReceptiveField(16, 70, 70));
        assertThat(ReceptiveField.of(VggLayer.RELU5_1).size()).isEqualTo(156);
        assertThat(ReceptiveField.ofDeepest(List.of(VggLayer.RELU4_2, VggLayer.RELU1_1)))
                .isEqualTo(ReceptiveField.of(VggLayer.RELU4_2));
    }

    /** Two-channel convolutions of ones up to {@code layer}, without biases. */
    private static Vgg19Weights ones(VggLayer layer) {
        List<ConvWeights> convolutions = new ArrayList<>();
        int in = 3;
        for (VggLayer conv : VggLayer.convolutions()) {
            if (!layer.atOrAfter(conv)) {
                break;
            }
            float[] kernel = new float[2 * in * 9];
            Arrays.fill(kernel, 1f / 8);
            convolutions.add(new ConvWeights(conv, in, 2, kernel, new float[2]));
            in = 2;
        }
        return new Vgg19Weights("ones", Preprocessing.CAFFE_BGR, convolutions);
    }
}
