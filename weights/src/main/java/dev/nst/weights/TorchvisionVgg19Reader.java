package dev.nst.weights;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads VGG19 convolutions from a torchvision state dict ({@code vgg19-dcbb9e9d.pth} or any {@code state_dict()} of
 * torchvision's {@code vgg19}): {@code features.{0,2,5,7,10,12,14,16,19,21,23,25,28,30,32,34}.{weight,bias}} are
 * {@code conv1_1 .. conv5_4}, weights already OIHW. Channel widths are whatever the file holds. The weights carry
 * torchvision's own input convention ({@link Preprocessing#TORCHVISION_RGB}), so the network sees what PyTorch would.
 */
final class TorchvisionVgg19Reader {

    /** The index in torchvision's {@code features} of each of the sixteen convolutions. */
    static final int[] FEATURE_INDICES = {0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28, 30, 32, 34};

    private final Path file;
    private final WeightsFormat format;

    TorchvisionVgg19Reader(Path file, WeightsFormat format) {
        this.file = file;
        this.format = format;
    }

    Vgg19Weights read(VggLayer deepest) {
        List<VggLayer> needed = Vgg19Convolutions.neededFor(deepest);
        Set<String> wanted = new HashSet<>();
        for (VggLayer conv : needed) {
            wanted.add(key(conv, "weight"));
            wanted.add(key(conv, "bias"));
        }
        TorchCheckpoint.Contents contents = new TorchCheckpoint(file).read(format, wanted::contains);
        if (!contents.names().contains(key(VggLayer.CONV1_1, "weight"))) {
            throw new InvalidInputException(file + ": holds no torchvision VGG19 convolutions (no features.0.weight;"
                    + " its tensors are " + contents.names().stream().limit(5).collect(Collectors.joining(", "))
                    + (contents.names().size() > 5 ? ", ..." : "") + ")");
        }
        List<ConvWeights> convolutions = new ArrayList<>();
        int inChannels = 3;
        for (VggLayer conv : needed) {
            TorchCheckpoint.Tensor weight = tensor(contents, conv, "weight");
            TorchCheckpoint.Tensor bias = tensor(contents, conv, "bias");
            int[] shape = weight.shape();
            String name = key(conv, "weight") + " (" + conv.id() + ")";
            if (shape.length != 4 || shape[0] < 1) {
                throw invalid(name + " has shape " + Arrays.toString(shape) + ", expected [Cout, Cin, 3, 3]");
            }
            if (shape[2] != 3 || shape[3] != 3) {
                throw invalid(name + " is " + shape[2] + "x" + shape[3] + ", expected 3x3");
            }
            if (shape[1] != inChannels) {
                throw invalid(name + " takes " + shape[1] + " input channels but " + (conv == VggLayer.CONV1_1
                        ? "an image has 3" : "the layer before produces " + inChannels));
            }
            if (!Arrays.equals(bias.shape(), new int[] {shape[0]})) {
                throw invalid(key(conv, "bias") + " has shape " + Arrays.toString(bias.shape()) + ", expected ["
                        + shape[0] + "]");
            }
            convolutions.add(new ConvWeights(conv, shape[1], shape[0], weight.values(), bias.values()));
            inChannels = shape[0];
        }
        return new Vgg19Weights(file.getFileName() + " (" + format.description() + ")", Preprocessing.TORCHVISION_RGB,
                convolutions);
    }

    /** torchvision's name for a convolution's parameter: {@code conv2_1} weight is {@code features.5.weight}. */
    static String key(VggLayer conv, String parameter) {
        return "features." + FEATURE_INDICES[VggLayer.convolutions().indexOf(conv)] + "." + parameter;
    }

    private TorchCheckpoint.Tensor tensor(TorchCheckpoint.Contents contents, VggLayer conv, String parameter) {
        TorchCheckpoint.Tensor tensor = contents.tensors().get(key(conv, parameter));
        if (tensor == null) {
            throw invalid("has no " + key(conv, parameter) + " (" + conv.id() + "), which the chosen layers need");
        }
        return tensor;
    }

    private InvalidInputException invalid(String problem) {
        return new InvalidInputException(file + ": " + problem);
    }
}
