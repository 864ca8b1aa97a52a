package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.expectedBias;
import static dev.nst.weights.KerasFixtures.expectedKernel;
import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.weights.caffe.CaffeProto.BlobProto;
import dev.nst.weights.caffe.CaffeProto.NetParameter;
import dev.nst.weights.caffe.CaffeProto.V1LayerParameter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Caffe models written by {@code make_caffe_fixtures.py}, in both encodings, and damaged copies of them. */
class CaffeVgg19ReaderTest {

    private static final String V1 = "vgg19_caffe_v1.caffemodel";
    private static final String V2 = "vgg19_caffe_v2.caffemodel";

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {V1, V2})
    void readsEveryConvolutionExactlyInEitherEncoding(String name) {
        Vgg19Weights weights = new CaffeVgg19Reader(fixture(name)).read(VggLayer.POOL5);

        KerasFixtures.assertAllSixteenConvolutionsExact(weights);
        assertThat(weights.preprocessing()).isEqualTo(Preprocessing.CAFFE_BGR);
        assertThat(weights.source()).isEqualTo(name + " (Caffe model)");
    }

    @Test
    void readsLegacyBlobDimensionsInTheCurrentEncodingToo() throws IOException {
        // Some published models mix them (loadcaffe's pull request 41 met AlexNet and VGG files like that)
        Path file = modified(V2, net -> net.getLayerBuilderList().forEach(layer -> layer.getBlobsBuilderList()
                .forEach(blob -> {
                    List<Long> dims = blob.getShape().getDimList();
                    long[] four = dims.size() == 4 ? new long[] {dims.get(0), dims.get(1), dims.get(2), dims.get(3)}
                            : new long[] {1, 1, 1, dims.get(dims.size() - 1)};
                    blob.clearShape().setNum((int) four[0]).setChannels((int) four[1]).setHeight((int) four[2])
                            .setWidth((int) four[3]);
                })));

        Vgg19Weights weights = new CaffeVgg19Reader(file).read(VggLayer.POOL5);

        assertThat(weights.convolution(VggLayer.CONV3_2).kernel()).containsExactly(expectedKernel(6, 8, 8));
        assertThat(weights.convolution(VggLayer.CONV3_2).bias()).containsExactly(expectedBias(6, 8));
    }

    @ParameterizedTest
    @CsvSource({"relu1_1, 1", "pool1, 2", "relu3_1, 5", "relu4_2, 10", "pool5, 16"})
    void readsOnlyTheConvolutionsTheDeepestLayerNeeds(String deepest, int convolutions) {
        for (String name : new String[] {V1, V2}) {
            Vgg19Weights weights = new CaffeVgg19Reader(fixture(name)).read(VggLayer.parse(deepest));

            assertThat(weights.convolutions()).extracting(ConvWeights::layer)
                    .containsExactlyElementsOf(VggLayer.convolutions().subList(0, convolutions));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V2})
    void readsNoFurtherThanTheDeepestConvolution(String name) throws IOException {
        // cut inside conv2_1: the first time its name appears (as the top of the layer, or its name)
        byte[] whole = Files.readAllBytes(fixture(name));
        Path cut = Files.write(temp.resolve("cut.caffemodel"), Arrays.copyOf(whole, indexOf(whole, "conv2_1") + 3));

        assertThat(new CaffeVgg19Reader(cut).read(VggLayer.POOL1).convolutions()).hasSize(2);
        assertThatThrownBy(() -> new CaffeVgg19Reader(cut).read(VggLayer.RELU2_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(cut + ": is truncated: it ends at byte " + Files.size(cut) + ", inside a layer"
                        + " that ends at byte ");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void skipsFullyConnectedLayersWithoutReadingThemIntoMemory(boolean legacy) throws IOException {
        // a 40 MB fully connected layer before the fixture's layers (protobuf merges concatenated messages)
        Path file = temp.resolve("big.caffemodel");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            SyntheticCaffeModel model = new SyntheticCaffeModel(out, legacy);
            model.layer("fc6", "InnerProduct", new long[] {1000, 10_000}, new long[] {1000});
            model.raw(Files.readAllBytes(fixture(legacy ? V1 : V2))).flush();
        }
        new CaffeVgg19Reader(fixture(V2)).read(VggLayer.POOL5); // loads the classes it uses
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        Vgg19Weights weights = new CaffeVgg19Reader(file).read(VggLayer.POOL5);

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(Files.size(file)).isGreaterThan(40_000_000);
        assertThat(allocated).as("bytes allocated while reading").isLessThan(4_000_000);
        assertThat(weights.convolution(VggLayer.CONV5_4).kernel()).containsExactly(expectedKernel(16, 12, 12));
    }

    @Test
    void refusesANetWithoutVggLayersListingItsLayers() throws IOException {
        Path file = modified(V2, net -> {
            for (int i = 0; i < net.getLayerCount(); i++) {
                net.getLayerBuilder(i).setName("layer" + i);
            }
        });

        assertThatThrownBy(() -> new CaffeVgg19Reader(file).read(VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": holds no VGG19 convolutions (no layer conv1_1; its layers are layer0, layer1,"
                        + " layer2, layer3, layer4, ...)");
    }

    @Test
    void namesUnnamedLayersAsSuch() throws IOException {
        Path file = modified(V1, net -> net.getLayersBuilderList().forEach(V1LayerParameter.Builder::clearName));

        assertThatThrownBy(() -> new CaffeVgg19Reader(file).read(VggLayer.RELU1_1))
                .hasMessage(file + ": holds no VGG19 convolutions (no layer conv1_1; its layers are (unnamed),"
                        + " (unnamed), (unnamed), (unnamed), (unnamed), ...)");
    }

    @Test
    void aFileWithoutALayerIsEnoughForShallowerLayersButNotForDeeperOnes() throws IOException {
        Path file = modified(V1, net -> net.removeLayers(indexOf(net, "conv3_1")));

        assertThat(new CaffeVgg19Reader(file).read(VggLayer.RELU2_1).convolutions()).hasSize(3);
        assertThatThrownBy(() -> new CaffeVgg19Reader(file).read(VggLayer.RELU3_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": has no layer conv3_1, which the chosen layers need");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "5x5 kernel        | conv2_1 weights are 5x5, expected 3x3",
            "channel chain     | conv2_1 weights take 5 input channels but the layer before produces 4",
            "first layer       | conv1_1 weights take 1 input channels but an image has 3",
            "weights count     | conv1_2 weights: 143 values, but the shape (4, 4, 3, 3) needs 144",
            "bias shape        | conv1_2 bias has shape (1, 1, 1, 5), expected (4)",
            "bias count        | conv1_2 bias: 3 values, but the shape (1, 1, 1, 4) needs 4",
            "double            | conv1_1 weights: float64 values (double_data); only float32 is supported",
            "no shape          | conv1_1 weights have shape (), expected (Cout, Cin, 3, 3)",
            "legacy 2-d        | conv1_1 weights are 4x27, expected 3x3",
            "one blob          | conv1_2 holds 1 blob, expected 2 (weights and bias)",
            "not a convolution | conv1_1 is a RELU layer, expected a convolution"})
    void refusesAMalformedLegacyConvolutionNamingIt(String defect, String problem) throws IOException {
        Path file = modified(V1, net -> damage(net, defect));

        assertThatThrownBy(() -> new CaffeVgg19Reader(file).read(VggLayer.POOL5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": " + problem);
    }

    @Test
    void refusesAMalformedConvolutionInTheCurrentEncodingToo() throws IOException {
        Path kernel = modified(V2, net -> net.getLayerBuilder(indexOf(net, "conv4_1")).getBlobsBuilder(0)
                .getShapeBuilder().setDim(2, 1).setDim(3, 1));
        Path bias = modified(V2, net -> net.getLayerBuilder(indexOf(net, "conv1_1")).getBlobsBuilder(1)
                .getShapeBuilder().addDim(1));
        Path type = modified(V2, net -> net.getLayerBuilder(indexOf(net, "conv1_1")).setType("Deconvolution"));
        Path matrix = modified(V2, net -> net.getLayerBuilder(indexOf(net, "conv1_1")).getBlobsBuilder(0)
                .getShapeBuilder().clearDim().addAllDim(List.of(4L, 27L)));

        assertThatThrownBy(() -> new CaffeVgg19Reader(kernel).read(VggLayer.POOL5))
                .hasMessage(kernel + ": conv4_1 weights are 1x1, expected 3x3");
        assertThatThrownBy(() -> new CaffeVgg19Reader(bias).read(VggLayer.POOL5))
                .hasMessage(bias + ": conv1_1 bias has shape (4, 1), expected (4)");
        assertThatThrownBy(() -> new CaffeVgg19Reader(type).read(VggLayer.POOL5))
                .hasMessage(type + ": conv1_1 is a Deconvolution layer, expected a convolution");
        assertThatThrownBy(() -> new CaffeVgg19Reader(matrix).read(VggLayer.POOL5))
                .hasMessage(matrix + ": conv1_1 weights have shape (4, 27), expected (Cout, Cin, 3, 3)");
    }

    @ParameterizedTest(name = "{0} cut to {1}%")
    @CsvSource({V1 + ", 1", V1 + ", 30", V1 + ", 95", V2 + ", 2", V2 + ", 60", V2 + ", 90"})
    void rejectsATruncatedFileNamingIt(String name, int percent) throws IOException {
        byte[] whole = Files.readAllBytes(fixture(name));
        Path file = Files.write(temp.resolve("cut-" + name), Arrays.copyOf(whole, whole.length * percent / 100));

        assertThatThrownBy(() -> new CaffeVgg19Reader(file).read(VggLayer.POOL5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V2})
    void aFileCutInItsFullyConnectedLayersStillHoldsEveryConvolution(String name) throws IOException {
        byte[] whole = Files.readAllBytes(fixture(name));
        Path file = Files.write(temp.resolve("cut-" + name), Arrays.copyOf(whole, indexOf(whole, "fc7")));

        assertThat(new CaffeVgg19Reader(file).read(VggLayer.POOL5).convolutions()).hasSize(16);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void rejectsBytesThatAreNotProtobufNamingThem(int seed) throws IOException {
        byte[] bytes = new byte[4096];
        new Random(seed).nextBytes(bytes);
        Path file = Files.write(temp.resolve("random-" + seed), bytes);

        assertThatThrownBy(() -> new CaffeVgg19Reader(file).read(VggLayer.POOL5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageNotContaining("\n");
    }

    /** Applies one defect to the legacy fixture. */
    private static void damage(NetParameter.Builder net, String defect) {
        V1LayerParameter.Builder conv11 = net.getLayersBuilder(indexOf(net, "conv1_1"));
        V1LayerParameter.Builder conv12 = net.getLayersBuilder(indexOf(net, "conv1_2"));
        V1LayerParameter.Builder conv21 = net.getLayersBuilder(indexOf(net, "conv2_1"));
        switch (defect) {
            case "5x5 kernel" -> conv21.getBlobsBuilder(0).setHeight(5).setWidth(5);
            case "channel chain" -> conv21.getBlobsBuilder(0).setChannels(5);
            case "first layer" -> conv11.getBlobsBuilder(0).setChannels(1);
            case "weights count" -> {
                BlobProto.Builder weights = conv12.getBlobsBuilder(0);
                List<Float> values = List.copyOf(weights.getDataList());
                weights.clearData().addAllData(values.subList(0, values.size() - 1));
            }
            case "bias shape" -> conv12.getBlobsBuilder(1).setWidth(5);
            case "bias count" -> conv12.getBlobsBuilder(1).clearData().addAllData(List.of(1f, 2f, 3f));
            case "double" -> {
                BlobProto.Builder weights = conv11.getBlobsBuilder(0);
                weights.addAllDoubleData(weights.getDataList().stream().map(Float::doubleValue).toList()).clearData();
            }
            case "no shape" -> conv11.getBlobsBuilder(0).clearNum().clearChannels().clearHeight().clearWidth();
            case "legacy 2-d" -> conv11.getBlobsBuilder(0).setNum(1).setChannels(1).setHeight(4).setWidth(27);
            case "one blob" -> conv12.removeBlobs(1);
            case "not a convolution" -> conv11.setType(V1LayerParameter.LayerType.RELU);
            default -> throw new IllegalArgumentException(defect);
        }
    }

    private Path modified(String fixture, Consumer<NetParameter.Builder> change) throws IOException {
        NetParameter.Builder net = NetParameter.parseFrom(Files.readAllBytes(fixture(fixture))).toBuilder();
        change.accept(net);
        return Files.write(Files.createTempFile(temp, "modified-", "-" + fixture), net.build().toByteArray());
    }

    private static int indexOf(NetParameter.Builder net, String name) {
        for (int i = 0; i < net.getLayersCount(); i++) {
            if (net.getLayers(i).getName().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < net.getLayerCount(); i++) {
            if (net.getLayer(i).getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no layer " + name);
    }

    private static int indexOf(byte[] bytes, String text) {
        byte[] pattern = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + text);
    }
}
