package dev.nst.core.service;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.testing.ReferenceKernels;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The objective of Gatys et al. written out from the definitions, with {@link ReferenceKernels} for the layers and
 * nothing from the service: what the service's reported losses must equal.
 */
final class IndependentLoss {

    private static final double[] BGR_MEAN = {103.939, 116.779, 123.68};

    private IndependentLoss() {
    }

    /** An activation: {@code channels x area} values. */
    record Features(float[] values, int channels, int area) {
    }

    /** RGB 0..255 to BGR with the ImageNet means subtracted, channel-major. */
    static float[] preprocess(RgbImage image) {
        int w = image.width();
        int h = image.height();
        float[] out = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            int rgb = 2 - c;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(c * h + y) * w + x] = (float) (image.sample(rgb, x, y) - BGR_MEAN[c]);
                }
            }
        }
        return out;
    }

    /** The activations of {@code layers} for a preprocessed {@code 3 x height x width} input. */
    static Map<VggLayer, Features> forward(Vgg19Weights weights, Pooling pooling, float[] input, int height, int width,
                                           List<VggLayer> layers) {
        Map<VggLayer, Features> out = new EnumMap<>(VggLayer.class);
        VggLayer deepest = VggLayer.deepest(layers);
        float[] x = input;
        int c = 3;
        int h = height;
        int w = width;
        for (VggLayer layer : VggLayer.values()) {
            if (layer.ordinal() > deepest.ordinal()) {
                break;
            }
            switch (layer.kind()) {
                case CONV -> {
                    ConvWeights conv = weights.convolution(layer);
                    x = ReferenceKernels.conv(x, h, w, conv);
                    c = conv.outChannels();
                }
                case RELU -> x = ReferenceKernels.relu(x);
                case POOL -> {
                    x = ReferenceKernels.pool(x, c, h, w, pooling);
                    h /= 2;
                    w /= 2;
                }
            }
            if (layers.contains(layer)) {
                out.put(layer, new Features(x, c, h * w));
            }
        }
        return out;
    }

    /**
     * {@code L_c + L_s + L_tv} at the preprocessed image {@code x}, with style blend weights as given (already
     * normalised) and every image already at its final size.
     */
    static LossBreakdown at(float[] x, RgbImage content, List<StyleImage> styles, Vgg19Weights weights, Pooling pooling,
                            LossWeights lossWeights, List<VggLayer> contentLayers, List<VggLayer> styleLayers) {
        int h = content.height();
        int w = content.width();
        Map<VggLayer, Features> xContent = forward(weights, pooling, x, h, w, contentLayers);
        Map<VggLayer, Features> target = forward(weights, pooling, preprocess(content), h, w, contentLayers);
        double contentLoss = 0;
        for (VggLayer layer : contentLayers) {
            contentLoss += meanSquaredError(xContent.get(layer).values(), toDouble(target.get(layer).values()));
        }

        Map<VggLayer, Features> xStyle = forward(weights, pooling, x, h, w, styleLayers);
        double styleLoss = 0;
        for (VggLayer layer : styleLayers) {
            double[] blended = null;
            for (StyleImage style : styles) {
                RgbImage image = style.image();
                Features f = forward(weights, pooling, preprocess(image), image.height(), image.width(), styleLayers)
                        .get(layer);
                float[] gram = ReferenceKernels.gram(f.values(), f.channels(), f.area());
                if (blended == null) {
                    blended = new double[gram.length];
                }
                for (int i = 0; i < gram.length; i++) {
                    blended[i] += style.blendWeight() * gram[i];
                }
            }
            Features f = xStyle.get(layer);
            styleLoss += meanSquaredError(ReferenceKernels.gram(f.values(), f.channels(), f.area()), blended);
        }

        double tv = ReferenceKernels.totalVariation(x, 3, h, w, lossWeights.tvWeight());
        return new LossBreakdown(lossWeights.contentWeight() * contentLoss, lossWeights.styleWeight() * styleLoss, tv);
    }

    private static double meanSquaredError(float[] x, double[] target) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - target[i];
            sum += d * d;
        }
        return sum / x.length;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
