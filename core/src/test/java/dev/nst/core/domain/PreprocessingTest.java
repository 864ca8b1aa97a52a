package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    private static final Preprocessing CAFFE = Preprocessing.CAFFE_BGR;

    @Test
    void channelsComeOutBlueGreenRedWithTheImageNetMeansSubtracted() {
        // given one pixel with distinct red, green and blue samples
        RgbImage pixel = RgbImage.ofPlanes(1, 1, new float[] {200, 50, 10});

        // when
        float[] network = CAFFE.toNetwork(pixel);

        // then channel 0 is blue, 1 green, 2 red, each minus its own mean, on the 0..255 scale
        assertThat(network[0]).isCloseTo((float) (10 - 103.939), within(1e-4f));
        assertThat(network[1]).isCloseTo((float) (50 - 116.779), within(1e-4f));
        assertThat(network[2]).isCloseTo((float) (200 - 123.68), within(1e-4f));
    }

    @Test
    void planesKeepTheirPixelOrder() {
        // given a 3x2 image whose every sample is distinct
        float[] planes = new float[18];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = 10 * i;
        }
        RgbImage image = RgbImage.ofPlanes(3, 2, planes);

        float[] network = CAFFE.toNetwork(image);

        for (int p = 0; p < 6; p++) {
            assertThat(network[p]).isCloseTo((float) (planes[12 + p] - 103.939), within(1e-4f));
            assertThat(network[6 + p]).isCloseTo((float) (planes[6 + p] - 116.779), within(1e-4f));
            assertThat(network[12 + p]).isCloseTo((float) (planes[p] - 123.68), within(1e-4f));
        }
    }

    @Test
    void fromNetworkUndoesToNetwork() {
        RgbImage image = randomImage(17, 11, 5);

        RgbImage back = CAFFE.fromNetwork(CAFFE.toNetwork(image), 17, 11);

        float[] expected = image.planes();
        float[] actual = back.planes();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("sample %d", i).isCloseTo(expected[i], within(1e-4f));
        }
    }

    @Test
    void theMeanImageIsZeroInNetworkSpace() {
        RgbImage meanColour = RgbImage.ofPlanes(1, 1, new float[] {123.68f, 116.779f, 103.939f});

        assertThat(CAFFE.toNetwork(meanColour)).containsExactly(new float[] {0, 0, 0}, within(1e-5f));
        assertThat(CAFFE.fromNetwork(new float[] {0, 0, 0}, 1, 1).planes())
                .containsExactly(new float[] {123.68f, 116.779f, 103.939f}, within(1e-4f));
    }

    @Test
    void fromNetworkLeavesOutOfRangeSamplesForTheWriterToClamp() {
        RgbImage bright = CAFFE.fromNetwork(new float[] {500, 500, 500}, 1, 1);

        assertThat(bright.sample(0, 0, 0)).isGreaterThan(255);
        assertThat(bright.toPackedRgb()).containsExactly(0xffffff);
    }

    @Test
    void aScaledRgbConventionDividesByItsStandardDeviation() {
        Preprocessing torch = new Preprocessing("torch", false, 1 / 255.0, new double[] {0.485, 0.456, 0.406},
                new double[] {0.229, 0.224, 0.225});
        RgbImage pixel = RgbImage.ofPlanes(1, 1, new float[] {255, 0, 51});

        float[] network = torch.toNetwork(pixel);

        assertThat(network[0]).isCloseTo((float) ((1 - 0.485) / 0.229), within(1e-5f));
        assertThat(network[1]).isCloseTo((float) ((0 - 0.456) / 0.224), within(1e-5f));
        assertThat(network[2]).isCloseTo((float) ((0.2 - 0.406) / 0.225), within(1e-5f));
        assertThat(torch.fromNetwork(network, 1, 1).planes()).containsExactly(new float[] {255, 0, 51}, within(1e-3f));
    }

    @Test
    void torchvisionsConventionIsRgbScaledToOneWithTheImageNetStatistics() {
        Preprocessing torchvision = Preprocessing.TORCHVISION_RGB;

        assertThat(torchvision.name()).isEqualTo("torchvision-rgb");
        assertThat(torchvision.bgr()).isFalse();
        assertThat(torchvision.inputScale()).isEqualTo(1 / 255.0);
        assertThat(torchvision.mean()).containsExactly(0.485, 0.456, 0.406);
        assertThat(torchvision.std()).containsExactly(0.229, 0.224, 0.225);
        assertThat(torchvision.toNetwork(RgbImage.ofPlanes(1, 1, new float[] {255, 0, 51})))
                .containsExactly(new float[] {(float) ((1 - 0.485) / 0.229), (float) ((0 - 0.456) / 0.224),
                        (float) ((0.2 - 0.406) / 0.225)}, within(1e-6f));
    }

    @Test
    void unitsPerLevelIsHowFarOneSampleStepMovesTheNetworkInput() {
        assertThat(CAFFE.unitsPerLevel()).isEqualTo(1.0);
        assertThat(Preprocessing.TORCHVISION_RGB.unitsPerLevel()).isCloseTo(1 / (255 * 0.226), within(1e-12));
        // one level on every channel moves the torchvision input by about that much
        float[] dark = Preprocessing.TORCHVISION_RGB.toNetwork(RgbImage.ofPlanes(1, 1, new float[] {100, 100, 100}));
        float[] lighter = Preprocessing.TORCHVISION_RGB.toNetwork(RgbImage.ofPlanes(1, 1, new float[] {101, 101, 101}));
        double meanStep = ((lighter[0] - dark[0]) + (lighter[1] - dark[1]) + (lighter[2] - dark[2])) / 3;
        assertThat(meanStep).isCloseTo(Preprocessing.TORCHVISION_RGB.unitsPerLevel(), within(1e-4));
    }

    @Test
    void theAccessorsReturnCopies() {
        double[] mean = Preprocessing.TORCHVISION_RGB.mean();
        mean[0] = 9;

        assertThat(Preprocessing.TORCHVISION_RGB.mean()[0]).isEqualTo(0.485);
    }

    private static RgbImage randomImage(int width, int height, long seed) {
        Random random = new Random(seed);
        float[] planes = new float[3 * width * height];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = random.nextFloat() * 255;
        }
        return RgbImage.ofPlanes(width, height, planes);
    }
}
