package dev.nst.core.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The channel widths of a VGG19 trunk, convolution by convolution: what the memory a network takes depends on, known
 * before (or without) loading its weights. {@link #PUBLISHED} is the network of Simonyan and Zisserman, which every
 * published weights file has (64, 128, 256, 512, 512 channels in blocks 1 to 5).
 */
public final class Vgg19Widths {

    /** The published VGG19's widths. */
    public static final Vgg19Widths PUBLISHED = published();

    private final Map<VggLayer, Integer> outChannels;

    private Vgg19Widths(Map<VggLayer, Integer> outChannels) {
        this.outChannels = Map.copyOf(outChannels);
    }

    /** The widths of {@code weights} (up to the deepest convolution they hold). */
    public static Vgg19Widths of(Vgg19Weights weights) {
        Map<VggLayer, Integer> widths = new EnumMap<>(VggLayer.class);
        weights.convolutions().forEach(c -> widths.put(c.layer(), c.outChannels()));
        return new Vgg19Widths(widths);
    }

    private static Vgg19Widths published() {
        int[] perBlock = {64, 128, 256, 512, 512};
        Map<VggLayer, Integer> widths = new EnumMap<>(VggLayer.class);
        VggLayer.convolutions().forEach(c -> widths.put(c, perBlock[c.block() - 1]));
        return new Vgg19Widths(widths);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vgg19Widths other && outChannels.equals(other.outChannels);
    }

    @Override
    public int hashCode() {
        return outChannels.hashCode();
    }

    /** Channels produced by {@code layer} (the convolution at or before it). */
    public int channelsAt(VggLayer layer) {
        VggLayer conv = VggLayer.convolutions().stream().filter(layer::atOrAfter).reduce((a, b) -> b).orElseThrow();
        Integer channels = outChannels.get(conv);
        if (channels == null) {
            throw new IllegalArgumentException(conv.id() + " is not in this network");
        }
        return channels;
    }

    /** Channels read by convolution {@code conv}. */
    public int inChannelsOf(VggLayer conv) {
        int i = VggLayer.convolutions().indexOf(conv);
        return i == 0 ? 3 : channelsAt(VggLayer.convolutions().get(i - 1));
    }

    /** The convolutions computed to reach {@code deepest}. */
    public List<VggLayer> convolutionsUpTo(VggLayer deepest) {
        return VggLayer.convolutions().stream().filter(deepest::atOrAfter).toList();
    }

    /** Parameters (kernels and biases) of the convolutions needed to reach {@code deepest}. */
    public long parametersUpTo(VggLayer deepest) {
        long total = 0;
        for (VggLayer conv : convolutionsUpTo(deepest)) {
            long out = channelsAt(conv);
            total += out * inChannelsOf(conv) * 9 + out;
        }
        return total;
    }

    /**
     * Multiply-adds of the convolutions needed to reach {@code deepest}, per pixel of the input (each pooling quarters
     * the positions after it).
     */
    public double multiplyAddsPerPixelUpTo(VggLayer deepest) {
        double total = 0;
        for (VggLayer conv : convolutionsUpTo(deepest)) {
            total += (double) channelsAt(conv) * inChannelsOf(conv) * 9 / (1L << (2 * conv.poolingsBefore()));
        }
        return total;
    }
}
