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
import java.util.Arrays;
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

    /**
     * The controlled objective of Gatys et al. 2017 as the issue defines it, at the preprocessed image {@code x}:
     * masks {@code m} (luma of the mask picture resized to the content's size, over 255), brought to each layer by
     * 2x2 average poolings (floor); {@code G_i = (F diag(m_i)) (F diag(m_i))^T / (C sum m_i)} against style {@code i}'s
     * own Gram matrix; {@code L_s = styleWeight * sum_l w_l * sum_i mean((G_i - A_i)^2)}; the content loss a mean over
     * the content mask's weight, {@code contentWeight * sum_l w_l * sum m (F - T)^2 / (C sum m)}. Without style masks
     * the styles are blended as given; without a content mask the content loss is the plain mean.
     */
    static LossBreakdown controlled(float[] x, RgbImage content, List<StyleImage> styles, List<RgbImage> styleMasks,
                                    RgbImage contentMask, Vgg19Weights weights, Pooling pooling, LossWeights lossWeights,
                                    List<VggLayer> contentLayers, List<Double> contentLayerWeights,
                                    List<VggLayer> styleLayers, List<Double> styleLayerWeights) {
        int h = content.height();
        int w = content.width();
        Map<VggLayer, Features> xContent = forward(weights, pooling, x, h, w, contentLayers);
        Map<VggLayer, Features> target = forward(weights, pooling, preprocess(content), h, w, contentLayers);
        double contentLoss = 0;
        for (int l = 0; l < contentLayers.size(); l++) {
            VggLayer layer = contentLayers.get(l);
            float[] f = xContent.get(layer).values();
            float[] t = target.get(layer).values();
            double[] m = contentMask == null ? null : pooledMask(contentMask, w, h, layer.poolingsBefore());
            int area = xContent.get(layer).area();
            double sum = 0;
            double weightSum = 0;
            for (int i = 0; i < f.length; i++) {
                double e = m == null ? 1 : m[i % area];
                double d = (double) f[i] - t[i];
                sum += e * d * d;
                weightSum += e;
            }
            contentLoss += contentLayerWeights.get(l) * sum / (m == null ? f.length : weightSum);
        }

        Map<VggLayer, Features> xStyle = forward(weights, pooling, x, h, w, styleLayers);
        double styleLoss = 0;
        for (int l = 0; l < styleLayers.size(); l++) {
            VggLayer layer = styleLayers.get(l);
            Features fx = xStyle.get(layer);
            int c = fx.channels();
            double layerLoss = 0;
            if (styleMasks.isEmpty()) {
                double[] blended = new double[c * c];
                for (StyleImage style : styles) {
                    double[] a = styleGram(style.image(), weights, pooling, styleLayers, layer);
                    for (int i = 0; i < a.length; i++) {
                        blended[i] += style.blendWeight() * a[i];
                    }
                }
                layerLoss = meanSquaredError(toFloat(maskedGram(fx, null)), blended);
            } else {
                for (int s = 0; s < styles.size(); s++) {
                    double[] m = pooledMask(styleMasks.get(s), w, h, layer.poolingsBefore());
                    if (Arrays.stream(m).sum() == 0) {
                        continue;
                    }
                    double[] a = styleGram(styles.get(s).image(), weights, pooling, styleLayers, layer);
                    layerLoss += meanSquaredError(toFloat(maskedGram(fx, m)), a);
                }
            }
            styleLoss += styleLayerWeights.get(l) * layerLoss;
        }
        double tv = ReferenceKernels.totalVariation(x, 3, h, w, lossWeights.tvWeight());
        return new LossBreakdown(lossWeights.contentWeight() * contentLoss, lossWeights.styleWeight() * styleLoss, tv);
    }

    /** The mask picture's luma over 255 at {@code width x height}, pooled {@code poolings} times by 2x2 means. */
    static double[] pooledMask(RgbImage picture, int width, int height, int poolings) {
        RgbImage resized = picture.resize(width, height);
        double[] m = new double[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double luma = 0.299 * resized.sample(0, x, y) + 0.587 * resized.sample(1, x, y)
                        + 0.114 * resized.sample(2, x, y);
                m[y * width + x] = Math.min(1, Math.max(0, luma / 255));
            }
        }
        int w = width;
        int h = height;
        for (int k = 0; k < poolings; k++) {
            int pw = w / 2;
            int ph = h / 2;
            double[] pooled = new double[pw * ph];
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw; x++) {
                    pooled[y * pw + x] = (m[2 * y * w + 2 * x] + m[2 * y * w + 2 * x + 1] + m[(2 * y + 1) * w + 2 * x]
                            + m[(2 * y + 1) * w + 2 * x + 1]) / 4;
                }
            }
            m = pooled;
            w = pw;
            h = ph;
        }
        return m;
    }

    /** {@code (F diag(m)) (F diag(m))^T / (C sum m)}, or the plain Gram matrix when {@code m} is null. */
    private static double[] maskedGram(Features f, double[] m) {
        int c = f.channels();
        int n = f.area();
        double sum = 0;
        for (int p = 0; p < n; p++) {
            sum += m == null ? 1 : m[p];
        }
        double[] g = new double[c * c];
        float[] v = f.values();
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                double acc = 0;
                for (int p = 0; p < n; p++) {
                    double mp = m == null ? 1 : m[p];
                    acc += (mp * v[a * n + p]) * (mp * v[b * n + p]);
                }
                g[a * c + b] = acc / (c * sum);
            }
        }
        return g;
    }

    private static double[] styleGram(RgbImage image, Vgg19Weights weights, Pooling pooling, List<VggLayer> layers,
                                      VggLayer layer) {
        Features f = forward(weights, pooling, preprocess(image), image.height(), image.width(), layers).get(layer);
        return toDouble(ReferenceKernels.gram(f.values(), f.channels(), f.area()));
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
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
