package dev.nst.core.domain;

import java.util.Arrays;

/**
 * How a weights set expects its input: channel order, scale of the 8-bit samples, per-channel mean and standard
 * deviation (both in the network's channel order). The optimised image lives in this space;
 * {@link #toNetwork} and {@link #fromNetwork} convert between it and RGB 0..255.
 */
public final class Preprocessing {

    /**
     * The convention of the canonical Caffe / Keras VGG19 weights: BGR, samples 0..255, mean
     * (B 103.939, G 116.779, R 123.68) subtracted, no scaling.
     */
    public static final Preprocessing CAFFE_BGR =
            new Preprocessing("caffe-bgr", true, 1.0, new double[] {103.939, 116.779, 123.68}, new double[] {1, 1, 1});

    /**
     * The convention of torchvision's VGG19 ({@code vgg19-dcbb9e9d.pth}): RGB, samples scaled to 0..1, then the
     * ImageNet mean (0.485, 0.456, 0.406) subtracted and the result divided by the standard deviation
     * (0.229, 0.224, 0.225). The network sees exactly what PyTorch feeds it, zero padding at the borders included.
     */
    public static final Preprocessing TORCHVISION_RGB = new Preprocessing("torchvision-rgb", false, 1 / 255.0,
            new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});

    private final String name;
    private final boolean bgr;
    private final double inputScale;
    private final double[] mean;
    private final double[] std;

    /**
     * @param bgr        whether network channel 0 is blue (else red)
     * @param inputScale factor applied to 0..255 samples before normalisation (1 or 1/255)
     * @param mean       per network channel, subtracted after scaling
     * @param std        per network channel, divides after subtracting the mean
     */
    public Preprocessing(String name, boolean bgr, double inputScale, double[] mean, double[] std) {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 channels");
        }
        this.name = name;
        this.bgr = bgr;
        this.inputScale = inputScale;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    public String name() {
        return name;
    }

    /** Whether network channel 0 is blue (else red). */
    public boolean bgr() {
        return bgr;
    }

    /** Factor applied to 0..255 samples before normalisation. */
    public double inputScale() {
        return inputScale;
    }

    /** Per network channel, subtracted after scaling. */
    public double[] mean() {
        return mean.clone();
    }

    /** Per network channel, divides after subtracting the mean. */
    public double[] std() {
        return std.clone();
    }

    /**
     * How many network input units one step of a 0..255 sample is, averaged over the channels:
     * {@code inputScale / mean(std)}. 1 for {@link #CAFFE_BGR}; {@code 1 / (255 * 0.226) = 1 / 57.6} for
     * {@link #TORCHVISION_RGB}.
     */
    public double unitsPerLevel() {
        return inputScale / ((std[0] + std[1] + std[2]) / 3);
    }

    /** The image as a {@code 3 x H x W} network input, channels in network order. */
    public float[] toNetwork(RgbImage image) {
        int n = image.width() * image.height();
        float[] rgb = image.planes();
        float[] out = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            int src = rgbChannel(c) * n;
            double m = mean[c];
            double s = std[c];
            for (int i = 0; i < n; i++) {
                out[c * n + i] = (float) ((rgb[src + i] * inputScale - m) / s);
            }
        }
        return out;
    }

    /** The inverse of {@link #toNetwork}; samples may fall outside 0..255 until the image is written. */
    public RgbImage fromNetwork(float[] data, int width, int height) {
        int n = width * height;
        float[] rgb = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            int dst = rgbChannel(c) * n;
            double m = mean[c];
            double s = std[c];
            for (int i = 0; i < n; i++) {
                rgb[dst + i] = (float) ((data[c * n + i] * s + m) / inputScale);
            }
        }
        return RgbImage.ofPlanes(width, height, rgb);
    }

    private int rgbChannel(int networkChannel) {
        return bgr ? 2 - networkChannel : networkChannel;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && bgr == p.bgr && inputScale == p.inputScale
                && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std) + (bgr ? 1 : 0);
    }

    @Override
    public String toString() {
        return name;
    }
}
