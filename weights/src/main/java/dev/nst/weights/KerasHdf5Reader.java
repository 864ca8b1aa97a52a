package dev.nst.weights;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads VGG19 convolutions from a Keras HDF5 weights file, the format of keras.applications' published
 * {@code vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5}: a root attribute {@code layer_names}, one group per
 * layer ({@code block1_conv1 .. block5_conv4}) whose attribute {@code weight_names} names its kernel and bias
 * datasets relative to the group. Kernels are {@code (3, 3, Cin, Cout)} (HWIO) and become our OIHW; Keras
 * {@code blockX_convY} is our {@code convX_Y}. Every defect is reported as an {@link InvalidInputException} naming
 * the file.
 */
final class KerasHdf5Reader {

    private static final int KERNEL_SIZE = 3;

    private final Path file;

    KerasHdf5Reader(Path file) {
        this.file = file;
    }

    /** The convolutions {@code deepest} needs, in network order. */
    Vgg19Weights read(VggLayer deepest) {
        try (HdfFile hdf = new HdfFile(file)) {
            List<String> layerNames = layerNames(hdf);
            List<ConvWeights> convolutions = new ArrayList<>();
            int inChannels = 3;
            for (VggLayer conv : Vgg19Convolutions.neededFor(deepest)) {
                ConvWeights weights = convolution(hdf, layerNames, conv, inChannels);
                convolutions.add(weights);
                inChannels = weights.outChannels();
            }
            return new Vgg19Weights(file.getFileName() + " (Keras HDF5)", Preprocessing.CAFFE_BGR, convolutions);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf reports corrupt and truncated files with HdfException and, deeper down, plain runtime exceptions.
            throw new InvalidInputException(file + ": cannot be read, the HDF5 file is corrupt or truncated ("
                    + oneLine(e) + ")", e);
        }
    }

    private List<String> layerNames(HdfFile hdf) {
        Attribute attribute = hdf.getAttribute("layer_names");
        if (attribute == null) {
            throw invalid("has no layer_names attribute, so it is not a Keras weights file");
        }
        return names(attribute, "the layer_names attribute");
    }

    private ConvWeights convolution(HdfFile hdf, List<String> layerNames, VggLayer conv, int inChannels) {
        String layer = kerasName(conv);
        if (!layerNames.contains(layer) || !(hdf.getChild(layer) instanceof Group group)) {
            throw invalid("has no layer " + layer + " (" + conv.id() + "), which the chosen layers need");
        }
        List<String> weightNames = weightNames(group, layer);
        Dataset kernel = dataset(group, layer, weightNames.get(0));
        Dataset bias = dataset(group, layer, weightNames.get(1));
        int[] kernelShape = kernel.getDimensions();
        if (kernelShape.length != 4 || kernelShape[3] < 1) {
            throw invalid(layer + " kernel has shape " + shape(kernelShape) + ", expected (3, 3, Cin, Cout)");
        }
        if (kernelShape[0] != KERNEL_SIZE || kernelShape[1] != KERNEL_SIZE) {
            throw invalid(layer + " kernel is " + kernelShape[0] + "x" + kernelShape[1] + ", expected 3x3");
        }
        int in = kernelShape[2];
        int out = kernelShape[3];
        if (in != inChannels) {
            throw invalid(layer + " kernel takes " + in + " input channels but " + (conv == VggLayer.CONV1_1
                    ? "an image has 3" : "the layer before produces " + inChannels));
        }
        if (!Arrays.equals(bias.getDimensions(), new int[] {out})) {
            throw invalid(layer + " bias has shape " + shape(bias.getDimensions()) + ", expected (" + out + ")");
        }
        float[] hwio = floats(kernel, layer + " kernel");
        return new ConvWeights(conv, in, out, toOihw(hwio, in, out), floats(bias, layer + " bias"));
    }

    /** The group's kernel and bias dataset names, relative to the group (they may contain '/'). */
    private List<String> weightNames(Group group, String layer) {
        Attribute attribute = group.getAttribute("weight_names");
        List<String> names = attribute == null ? List.of() : names(attribute, layer + " weight_names");
        if (names.size() != 2) {
            throw invalid(layer + " should list a kernel and a bias in weight_names but lists " + names);
        }
        return names;
    }

    /** Keras' name for a convolution: {@code conv3_2} is {@code block3_conv2}. */
    static String kerasName(VggLayer conv) {
        return "block" + conv.block() + "_conv" + conv.id().substring("convX_".length());
    }

    private Dataset dataset(Group group, String layer, String name) {
        Node node;
        try {
            node = group.getByPath(name);
        } catch (HdfInvalidPathException e) {
            node = null;
        }
        if (!(node instanceof Dataset dataset)) {
            throw invalid(layer + " lists weight '" + name + "' but holds no such dataset");
        }
        return dataset;
    }

    private float[] floats(Dataset dataset, String what) {
        DataType type = dataset.getDataType();
        if (!(type instanceof FloatingPoint) || type.getSize() != Float.BYTES
                || !(dataset.getDataFlat() instanceof float[] values)) {
            throw invalid(what + " holds " + typeName(type) + " values, expected float32");
        }
        return values;
    }

    /** Keras HWIO {@code [ky][kx][i][o]} to our OIHW {@code [o][i][ky][kx]}. */
    static float[] toOihw(float[] hwio, int in, int out) {
        float[] oihw = new float[hwio.length];
        int source = 0;
        for (int ky = 0; ky < KERNEL_SIZE; ky++) {
            for (int kx = 0; kx < KERNEL_SIZE; kx++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        oihw[((o * in + i) * KERNEL_SIZE + ky) * KERNEL_SIZE + kx] = hwio[source++];
                    }
                }
            }
        }
        return oihw;
    }

    private List<String> names(Attribute attribute, String what) {
        Object data = attribute.getData();
        if (data instanceof String[] names) {
            return Arrays.asList(names);
        }
        if (data instanceof String name) {
            return List.of(name);
        }
        if (attribute.isEmpty() || attribute.getSize() == 0) {
            return List.of();
        }
        throw invalid(what + " is not a list of names");
    }

    private static String typeName(DataType type) {
        int bits = type.getSize() * Byte.SIZE;
        if (type instanceof FloatingPoint) {
            return "float" + bits;
        }
        if (type instanceof FixedPoint) {
            return "int" + bits;
        }
        return type.getClass().getSimpleName();
    }

    private static String shape(int[] dimensions) {
        return Arrays.stream(dimensions).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    private InvalidInputException invalid(String problem) {
        return new InvalidInputException(file + ": " + problem);
    }
}
