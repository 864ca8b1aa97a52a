package dev.nst.core.domain;

/**
 * The parameters of one 3x3 convolution (padding 1, stride 1).
 *
 * @param kernel {@code outChannels x inChannels x 3 x 3} (OIHW, row-major)
 * @param bias   {@code outChannels}
 */
public record ConvWeights(VggLayer layer, int inChannels, int outChannels, float[] kernel, float[] bias) {

    public ConvWeights {
        if (layer.kind() != VggLayer.Kind.CONV) {
            throw new IllegalArgumentException(layer.id() + " is not a convolution");
        }
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException(layer.id() + ": channel counts must be positive");
        }
        if (kernel.length != outChannels * inChannels * 9) {
            throw new IllegalArgumentException(layer.id() + ": kernel has " + kernel.length + " values, expected "
                    + outChannels * inChannels * 9);
        }
        if (bias.length != outChannels) {
            throw new IllegalArgumentException(layer.id() + ": bias has " + bias.length + " values, expected " + outChannels);
        }
    }
}
