package dev.nst.core.domain;

import java.util.List;

/**
 * A VGG19 convolution trunk: the convolutions from {@code conv1_1} up to some depth, in order, and the input
 * convention they were trained with. Channel widths are whatever the file holds (64..512 for the published
 * network; tests use narrower ones), but the chain must be consistent and start from 3 input channels.
 *
 * @param source human-readable origin, e.g. a file name or {@code random:42}
 */
public record Vgg19Weights(String source, Preprocessing preprocessing, List<ConvWeights> convolutions) {

    public Vgg19Weights {
        convolutions = List.copyOf(convolutions);
        if (convolutions.isEmpty()) {
            throw new IllegalArgumentException("no convolutions");
        }
        int in = 3;
        for (int i = 0; i < convolutions.size(); i++) {
            ConvWeights conv = convolutions.get(i);
            VggLayer expected = VggLayer.convolutions().get(i);
            if (conv.layer() != expected) {
                throw new IllegalArgumentException("expected " + expected.id() + " at position " + i + ", got " + conv.layer().id());
            }
            if (conv.inChannels() != in) {
                throw new IllegalArgumentException(conv.layer().id() + " takes " + conv.inChannels()
                        + " channels but the layer before produces " + in);
            }
            in = conv.outChannels();
        }
    }

    /** The deepest layer these weights can compute (the ReLU after, or the pool after, the last convolution). */
    public VggLayer deepestLayer() {
        VggLayer lastConv = convolutions.get(convolutions.size() - 1).layer();
        VggLayer[] all = VggLayer.values();
        int i = lastConv.ordinal() + 1;
        if (i + 1 < all.length && all[i + 1].kind() == VggLayer.Kind.POOL) {
            return all[i + 1];
        }
        return all[i];
    }

    /** Whether the network can compute {@code layer}. */
    public boolean covers(VggLayer layer) {
        return deepestLayer().atOrAfter(layer);
    }

    /** The weights of a convolution. */
    public ConvWeights convolution(VggLayer conv) {
        return convolutions.stream().filter(c -> c.layer() == conv).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(conv.id() + " is not in these weights"));
    }

    /** Channels produced by {@code layer}. */
    public int channelsAt(VggLayer layer) {
        VggLayer conv = VggLayer.convolutions().stream()
                .filter(c -> layer.atOrAfter(c)).reduce((a, b) -> b).orElseThrow();
        return convolution(conv).outChannels();
    }

    /**
     * The loss weights to use where the user gives none: jcjohnson's 5 / 100 / 1e-3 for Caffe-scale input, rescaled
     * for other input scales as {@link LossWeights#rescaledForInputScale} explains (derived, not tuned).
     */
    public LossWeights recommendedLossWeights() {
        return LossWeights.DEFAULT.rescaledForInputScale(preprocessing.unitsPerLevel());
    }

    /** The number of parameters held. */
    public long parameterCount() {
        return convolutions.stream().mapToLong(c -> (long) c.kernel().length + c.bias().length).sum();
    }
}
