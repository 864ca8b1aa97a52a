package dev.nst.weights;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.weights.caffe.CaffeProto.BlobProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads VGG19 convolutions from a Caffe model ({@code .caffemodel}) in either of Caffe's encodings: the VGG group's
 * {@code VGG_ILSVRC_19_layers.caffemodel} (legacy {@code layers}, 2014), Gatys' {@code vgg_normalised.caffemodel}, or
 * any VGG19 Caffe saved. The layers named {@code conv1_1 .. conv5_4} must be convolutions holding two blobs: the
 * weights {@code (Cout, Cin, 3, 3)}, already our OIHW, and the bias {@code (Cout)} (legacy: {@code 1 x 1 x 1 x Cout}).
 * Channel widths are whatever the file holds. Both published networks take BGR samples on the 0..255 scale minus the
 * ImageNet mean, {@link Preprocessing#CAFFE_BGR}.
 *
 * <p>The file is read layer by layer until the convolutions the deepest layer needs are found; the blobs of every
 * other layer (the fully connected ones are most of the VGG file) are skipped, never read. Every defect is reported as
 * an {@link InvalidInputException} naming the file.
 */
final class CaffeVgg19Reader {

    private static final int KERNEL_SIZE = 3;
    private static final int NAMES_SHOWN = 5;

    private final Path file;

    CaffeVgg19Reader(Path file) {
        this.file = file;
    }

    /** The convolutions {@code deepest} needs, in network order. */
    Vgg19Weights read(VggLayer deepest) {
        List<VggLayer> needed = Vgg19Convolutions.neededFor(deepest);
        try {
            Map<String, CaffeNetScanner.Layer> layers = locate(needed);
            List<ConvWeights> convolutions = new ArrayList<>();
            try (CaffeBlobs blobs = new CaffeBlobs(file)) {
                int inChannels = 3;
                for (VggLayer conv : needed) {
                    ConvWeights weights = convolution(blobs, layers.get(conv.id()), conv, inChannels);
                    convolutions.add(weights);
                    inChannels = weights.outChannels();
                }
            }
            return new Vgg19Weights(file.getFileName() + " (" + WeightsFormat.CAFFE.description() + ")",
                    Preprocessing.CAFFE_BGR, convolutions);
        } catch (InvalidInputException e) {
            throw e;
        } catch (CaffeNetScanner.TruncatedException e) {
            throw new InvalidInputException(file + ": is truncated: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // InvalidProtocolBufferException for damaged protobuf, and whatever else a damaged file leads to
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidInputException(file + ": cannot be read, the Caffe model is corrupt or truncated ("
                    + detail.replaceAll("\\s+", " ").trim() + ")", e);
        }
    }

    /** Where the needed convolutions are: the file is read until all are found, and no further. */
    private Map<String, CaffeNetScanner.Layer> locate(List<VggLayer> needed) throws IOException {
        Set<String> wanted = needed.stream().map(VggLayer::id).collect(Collectors.toSet());
        Map<String, CaffeNetScanner.Layer> found = new HashMap<>();
        List<String> seen = new ArrayList<>();
        try (CaffeNetScanner scanner = new CaffeNetScanner(file, false)) {
            Optional<CaffeNetScanner.Layer> next;
            while (found.size() < wanted.size() && (next = scanner.next()).isPresent()) {
                CaffeNetScanner.Layer layer = next.get();
                if (seen.size() <= NAMES_SHOWN) {
                    seen.add(layer.name().isEmpty() ? "(unnamed)" : layer.name());
                }
                if (wanted.contains(layer.name())) {
                    found.putIfAbsent(layer.name(), layer);
                }
            }
        }
        if (found.isEmpty()) {
            throw invalid("holds no VGG19 convolutions (no layer " + VggLayer.CONV1_1.id() + "; " + (seen.isEmpty()
                    ? "it has no layers)" : "its layers are " + String.join(", ", seen.subList(0,
                    Math.min(NAMES_SHOWN, seen.size()))) + (seen.size() > NAMES_SHOWN ? ", ...)" : ")")));
        }
        for (VggLayer conv : needed) {
            if (!found.containsKey(conv.id())) {
                throw invalid("has no layer " + conv.id() + ", which the chosen layers need");
            }
        }
        return found;
    }

    private ConvWeights convolution(CaffeBlobs blobs, CaffeNetScanner.Layer layer, VggLayer conv, int inChannels)
            throws IOException {
        String name = conv.id();
        if (!layer.isConvolution()) {
            throw invalid(name + " is " + (layer.type().isEmpty() ? "a layer without a type" : "a " + layer.type()
                    + " layer") + ", expected a convolution");
        }
        if (layer.blobs().size() != 2) {
            throw invalid(name + " holds " + layer.blobs().size() + (layer.blobs().size() == 1 ? " blob" : " blobs")
                    + ", expected 2 (weights and bias)");
        }
        BlobProto weights = blobs.read(layer.blobs().get(0));
        long[] shape = CaffeBlobs.dimensions(weights);
        if (shape.length != 4 || shape[0] < 1 || shape[0] > Integer.MAX_VALUE) {
            throw invalid(name + " weights have shape " + CaffeBlobs.describe(shape) + ", expected (Cout, Cin, 3, 3)");
        }
        if (shape[2] != KERNEL_SIZE || shape[3] != KERNEL_SIZE) {
            throw invalid(name + " weights are " + shape[2] + "x" + shape[3] + ", expected 3x3");
        }
        if (shape[1] != inChannels) {
            throw invalid(name + " weights take " + shape[1] + " input channels but " + (conv == VggLayer.CONV1_1
                    ? "an image has 3" : "the layer before produces " + inChannels));
        }
        float[] kernel = blobs.floats(weights, shape, name + " weights");
        int out = (int) shape[0];
        BlobProto bias = blobs.read(layer.blobs().get(1));
        long[] biasShape = CaffeBlobs.dimensions(bias);
        if (!isVectorOf(biasShape, out)) {
            throw invalid(name + " bias has shape " + CaffeBlobs.describe(biasShape) + ", expected (" + out + ")");
        }
        return new ConvWeights(conv, inChannels, out, kernel, blobs.floats(bias, biasShape, name + " bias"));
    }

    /** {@code (n)}, or with leading ones as the legacy 4-d encoding writes it: {@code (1, 1, 1, n)}. */
    private static boolean isVectorOf(long[] shape, int n) {
        return shape.length >= 1 && shape[shape.length - 1] == n
                && Arrays.stream(shape, 0, shape.length - 1).allMatch(d -> d == 1);
    }

    private InvalidInputException invalid(String problem) {
        return new InvalidInputException(file + ": " + problem);
    }
}
