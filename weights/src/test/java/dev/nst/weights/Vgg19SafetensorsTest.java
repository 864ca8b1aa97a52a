package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** nst's cache format: standard safetensors that round-trip every value and the input convention. */
class Vgg19SafetensorsTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"vgg19_old_names.h5", "torchvision_legacy_v1.pth"})
    void roundTripsEveryValueAndTheInputConvention(String name) throws IOException {
        Vgg19Weights original = WeightsFiles.read(fixture(name), VggLayer.POOL5);
        Path file = temp.resolve("converted.safetensors");

        Vgg19Safetensors.write(file, original, "original format");
        Vgg19Weights read = Vgg19Safetensors.read(file, VggLayer.POOL5);

        assertThat(read.preprocessing()).isEqualTo(original.preprocessing());
        assertThat(read.preprocessing().name()).isEqualTo(original.preprocessing().name());
        assertThat(read.source()).isEqualTo("converted.safetensors (original format, converted)");
        assertThat(read.convolutions()).hasSize(16);
        for (ConvWeights conv : original.convolutions()) {
            ConvWeights copy = read.convolution(conv.layer());
            assertThat(copy.inChannels()).isEqualTo(conv.inChannels());
            assertThat(copy.kernel()).containsExactly(conv.kernel());
            assertThat(copy.bias()).containsExactly(conv.bias());
        }
    }

    @Test
    void theFileIsPlainSafetensorsThatAnyReaderUnderstands() throws IOException {
        Vgg19Weights weights = WeightsFiles.read(fixture("vgg19_old_names.h5"), VggLayer.POOL1);
        Path file = temp.resolve("block1.safetensors");

        Vgg19Safetensors.write(file, weights, "Keras HDF5");

        // an 8-byte little-endian header length, a JSON header padded so the data starts 8-byte aligned, the data
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat((8 + headerLength) % 8).isZero();
        Map<?, ?> header = (Map<?, ?>) Json.parse(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        assertThat(header.get("__metadata__")).isEqualTo(Map.of("format", "nst-vgg19", "preprocessing", "caffe-bgr",
                "channels", "bgr", "input_scale", "1.0", "mean", "103.939,116.779,123.68", "std", "1.0,1.0,1.0",
                "source_format", "Keras HDF5"));
        assertThat(header.get("conv1_1.weight")).isEqualTo(Map.of("dtype", "F32", "shape", List.of(4L, 3L, 3L, 3L),
                "data_offsets", List.of(0L, 432L)));
        assertThat(header.get("conv1_1.bias")).isEqualTo(Map.of("dtype", "F32", "shape", List.of(4L),
                "data_offsets", List.of(432L, 448L)));
        assertThat(header.get("conv1_2.weight")).isEqualTo(Map.of("dtype", "F32", "shape", List.of(4L, 4L, 3L, 3L),
                "data_offsets", List.of(448L, 1024L)));
        assertThat(bytes.length).isEqualTo(8 + headerLength + 1040);
        float[] firstKernel = new float[108];
        ByteBuffer.wrap(bytes, (int) (8 + headerLength), 432).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(firstKernel);
        assertThat(firstKernel).containsExactly(weights.convolution(VggLayer.CONV1_1).kernel());
    }

    @Test
    void readsOnlyTheConvolutionsTheDeepestLayerNeedsAndRefusesDeeperOnesItLacks() throws IOException {
        Path file = temp.resolve("block1.safetensors");
        Vgg19Safetensors.write(file, WeightsFiles.read(fixture("vgg19_old_names.h5"), VggLayer.POOL1), "Keras HDF5");

        assertThat(Vgg19Safetensors.read(file, VggLayer.RELU1_1).convolutions()).hasSize(1);
        assertThatThrownBy(() -> Vgg19Safetensors.read(file, VggLayer.RELU2_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": has no conv2_1, which the chosen layers need");
    }

    @Test
    void anotherInputConventionIsKeptAsRecorded() throws IOException {
        Preprocessing custom = new Preprocessing("custom", false, 0.5, new double[] {1, 2, 3}, new double[] {4, 5, 6});
        Vgg19Weights block1 = WeightsFiles.read(fixture("vgg19_old_names.h5"), VggLayer.RELU1_1);
        Path file = temp.resolve("custom.safetensors");

        Vgg19Safetensors.write(file, new Vgg19Weights("x", custom, block1.convolutions()), "test");

        Preprocessing read = Vgg19Safetensors.read(file, VggLayer.RELU1_1).preprocessing();
        assertThat(read).isEqualTo(custom);
        assertThat(read.name()).isEqualTo("custom");
    }

    @Test
    void aTruncatedFileIsRejectedNamingIt() throws IOException {
        Path whole = temp.resolve("whole.safetensors");
        Vgg19Safetensors.write(whole, WeightsFiles.read(fixture("vgg19_old_names.h5"), VggLayer.POOL5), "Keras HDF5");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(temp.resolve("cut.safetensors"), Arrays.copyOf(bytes, bytes.length - 4));
        Path headerOnly = Files.write(temp.resolve("header.safetensors"), Arrays.copyOf(bytes, 100));

        assertThatThrownBy(() -> Vgg19Safetensors.read(cut, VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(cut + ": is truncated: tensor conv5_4.bias ends at byte");
        assertThatThrownBy(() -> Vgg19Safetensors.read(headerOnly, VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(headerOnly + ": not a valid safetensors file (its header length");
    }

    @Test
    void aCorruptHeaderIsRejectedNamingIt() throws IOException {
        Path file = temp.resolve("corrupt.safetensors");
        Vgg19Safetensors.write(file, WeightsFiles.read(fixture("vgg19_old_names.h5"), VggLayer.RELU1_1), "Keras HDF5");
        byte[] bytes = Files.readAllBytes(file);
        bytes[8] = '[';
        Files.write(file, bytes);
        bytes[8] = '{';
        bytes[10] = '}';
        Path renamed = Files.write(temp.resolve("renamed.safetensors"), bytes);

        assertThatThrownBy(() -> Vgg19Safetensors.read(file, VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": not a valid safetensors file (its header is not valid JSON");
        assertThatThrownBy(() -> Vgg19Safetensors.read(renamed, VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(renamed + ": not a valid safetensors file (tensor }_metadata__ has no dtype)");
    }

    @Test
    void safetensorsFromElsewhereAreRefusedWithWhatToDo() throws IOException {
        Path file = temp.resolve("other.safetensors");
        Safetensors.write(file, Map.of(), List.of(new Safetensors.Tensor("features.0.weight", new int[] {1, 3, 3, 3},
                new float[27])));
        Path half = temp.resolve("half.safetensors");
        Safetensors.write(half, Map.of("format", "nst-vgg19"), List.of());
        String header = "{\"conv1_1.weight\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        Path f16 = temp.resolve("f16.safetensors");
        Files.write(f16, concat(header, new byte[2]));

        assertThatThrownBy(() -> Vgg19Safetensors.read(file, VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": is a safetensors file but not nst VGG19 weights (its metadata has no format"
                        + " nst-vgg19); import the original file with 'nst weights import'");
        assertThatThrownBy(() -> Vgg19Safetensors.read(half, VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(half + ": its metadata does not describe the input convention");
        assertThatThrownBy(() -> Vgg19Safetensors.read(f16, VggLayer.RELU1_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(f16 + ": tensor conv1_1.weight holds F16 values; only F32 (float32) is supported");
    }

    private static byte[] concat(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(json.length).put(json).put(data);
        return buffer.array();
    }
}
