package dev.nst.core.image;

import dev.nst.core.domain.RgbImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * A decoded picture as sRGB samples in 0..255 with fractions kept, and its opacity. Samples of the sRGB colour space
 * are read as they are, at their full depth (16-bit samples keep their precision); any other colour space (an
 * embedded ICC profile, which the reader applied or, for PNG, left to nst) is converted to sRGB by Java's colour
 * management, in float. Where a pixel is transparent, its colour is what it shows over white: the network needs a
 * colour for every pixel, and white is what a page or a viewer shows behind a picture; the opacity itself is kept.
 */
final class Samples {

    private Samples() {
    }

    /**
     * @param profile an ICC profile that applies to {@code image} although its colour model does not say so (a PNG's
     *                iCCP), or null
     */
    static RgbImage of(BufferedImage image, byte[] profile) {
        ColorSpace embedded = rgbSpace(profile);
        if (embedded != null) {
            return converted(tagged(image, embedded));
        }
        ColorModel model = image.getColorModel();
        if (isGrey(model)) {
            return grey(image);
        }
        if (model instanceof ComponentColorModel && model.getColorSpace().isCS_sRGB()) {
            return components(image.getRaster(), model);
        }
        if (!model.getColorSpace().isCS_sRGB() && model.getColorSpace().getType() == ColorSpace.TYPE_RGB) {
            return converted(image);
        }
        return packed(image);
    }

    /** The profile as a colour space, if it is a usable RGB profile. */
    private static ColorSpace rgbSpace(byte[] profile) {
        if (profile == null) {
            return null;
        }
        try {
            ICC_ColorSpace space = new ICC_ColorSpace(ICC_Profile.getInstance(profile));
            return space.getType() == ColorSpace.TYPE_RGB && space.getNumComponents() == 3 ? space : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The same samples, described as being in {@code space}. */
    private static BufferedImage tagged(BufferedImage image, ColorSpace space) {
        BufferedImage components = image;
        if (!(image.getColorModel() instanceof ComponentColorModel) || image.getColorModel().getNumColorComponents() != 3) {
            components = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_4BYTE_ABGR);
            components.getGraphics().drawImage(image, 0, 0, null);
        }
        ColorModel model = components.getColorModel();
        ComponentColorModel retagged = new ComponentColorModel(space, model.getComponentSize(), model.hasAlpha(),
                model.isAlphaPremultiplied(), model.getTransparency(), model.getTransferType());
        return new BufferedImage(retagged, components.getRaster(), model.isAlphaPremultiplied(), null);
    }

    /** Converted to float sRGB samples by Java's colour management; the opacity is carried over. */
    private static RgbImage converted(BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        ComponentColorModel srgb = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        BufferedImage target = new BufferedImage(srgb, srgb.createCompatibleWritableRaster(image.getWidth(),
                image.getHeight()), false, null);
        new ColorConvertOp(null).filter(image, target);
        return components(target.getRaster(), srgb);
    }

    /** Samples of an sRGB component model read at their depth: integers scaled from their range, floats from 0..1. */
    private static RgbImage components(Raster raster, ColorModel model) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int n = w * h;
        boolean alpha = model.hasAlpha();
        boolean premultiplied = model.isAlphaPremultiplied();
        boolean floating = raster.getTransferType() == DataBuffer.TYPE_FLOAT
                || raster.getTransferType() == DataBuffer.TYPE_DOUBLE;
        double[] scale = new double[model.getNumComponents()];
        for (int b = 0; b < scale.length; b++) {
            scale[b] = floating ? 255.0 : 255.0 / ((1L << model.getComponentSize(b)) - 1);
        }
        float[] rgb = new float[3 * n];
        float[] opacity = alpha ? new float[n] : null;
        double[] pixel = new double[raster.getNumBands()];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(x, y, pixel);
                int i = y * w + x;
                double a = alpha ? Math.min(255, Math.max(0, pixel[3] * scale[3])) : 255;
                for (int c = 0; c < 3; c++) {
                    double v = Math.min(255, Math.max(0, pixel[c] * scale[c]));
                    if (premultiplied && a > 0) {
                        v = Math.min(255, v * 255 / a);
                    }
                    rgb[c * n + i] = (float) overWhite(v, a);
                }
                if (alpha) {
                    opacity[i] = (float) a;
                }
            }
        }
        return image(w, h, rgb, opacity);
    }

    /**
     * Whether the image holds grey samples in the JDK's grey colour space, as Image I/O decodes 8- and 16-bit grey
     * PNGs and grey JPEGs. That colour space is linear, so {@link BufferedImage#getRGB} would gamma-encode the stored
     * values (grey 50 would read as 122); the samples are the file's grey levels and are taken as they are.
     */
    private static boolean isGrey(ColorModel model) {
        return model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !model.isAlphaPremultiplied();
    }

    private static RgbImage grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int n = w * h;
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        boolean alpha = model.hasAlpha();
        double greyMax = (1L << model.getComponentSize(0)) - 1;
        double alphaMax = alpha ? (1L << model.getComponentSize(1)) - 1 : 1;
        float[] rgb = new float[3 * n];
        float[] opacity = alpha ? new float[n] : null;
        int[] pixel = new int[raster.getNumBands()];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(x, y, pixel);
                int i = y * w + x;
                double a = alpha ? pixel[1] * 255 / alphaMax : 255;
                float v = (float) overWhite(pixel[0] * 255 / greyMax, a);
                rgb[i] = v;
                rgb[n + i] = v;
                rgb[2 * n + i] = v;
                if (alpha) {
                    opacity[i] = (float) a;
                }
            }
        }
        return image(w, h, rgb, opacity);
    }

    /** Palettes and packed pixels, 8 bits a sample, through {@link BufferedImage#getRGB}. */
    private static RgbImage packed(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int n = w * h;
        boolean alpha = image.getColorModel().hasAlpha();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] rgb = new float[3 * n];
        float[] opacity = alpha ? new float[n] : null;
        for (int i = 0; i < n; i++) {
            int p = argb[i];
            int a = alpha ? p >>> 24 : 255;
            rgb[i] = (float) overWhite((p >> 16) & 0xff, a);
            rgb[n + i] = (float) overWhite((p >> 8) & 0xff, a);
            rgb[2 * n + i] = (float) overWhite(p & 0xff, a);
            if (alpha) {
                opacity[i] = a;
            }
        }
        return image(w, h, rgb, opacity);
    }

    /** A sample of opacity {@code alpha} (0..255) as it shows over white. */
    private static double overWhite(double value, double alpha) {
        return alpha >= 255 ? value : (value * alpha + 255 * (255 - alpha)) / 255;
    }

    /** The image of samples made here and used nowhere else: no copy. */
    private static RgbImage image(int w, int h, float[] rgb, float[] opacity) {
        return RgbImage.ofOwnedPlanes(w, h, rgb, opacity);
    }
}
