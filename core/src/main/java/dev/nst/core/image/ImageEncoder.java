package dev.nst.core.image;

import dev.nst.core.domain.RgbImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Encodes a picture as PNG or JPEG with the JDK's Image I/O writers, or as TIFF ({@link TiffWriter}), with the
 * sample depth, quality and text asked for. PNGs are tagged sRGB (an sRGB chunk); JPEGs are JFIF, which means sRGB.
 */
final class ImageEncoder {

    private static final String PNG_FORMAT = "javax_imageio_png_1.0";
    private static final String JPEG_FORMAT = "javax_imageio_jpeg_image_1.0";

    private ImageEncoder() {
    }

    static byte[] encode(RgbImage image, OutputOptions options) {
        if (options.format() == ImageFormat.TIFF) {
            return TiffWriter.write(image, options.bitDepth(), options.text());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            if (options.format() == ImageFormat.PNG) {
                png(image, options, out);
            } else {
                jpeg(image, options, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void png(RgbImage image, OutputOptions options, ImageOutputStream out) throws IOException {
        BufferedImage buffered = options.bitDepth() == 16 ? sixteenBit(image) : eightBit(image, image.hasAlpha());
        ImageWriter writer = writer(buffered, "png");
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(buffered),
                    param);
            IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
            IIOMetadataNode srgb = new IIOMetadataNode("sRGB");
            srgb.setAttribute("renderingIntent", "Perceptual");
            root.appendChild(srgb);
            IIOMetadataNode latin = new IIOMetadataNode("tEXt");
            IIOMetadataNode international = new IIOMetadataNode("iTXt");
            for (Map.Entry<String, String> entry : options.text().entrySet()) {
                if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(entry.getValue())) {
                    IIOMetadataNode text = new IIOMetadataNode("tEXtEntry");
                    text.setAttribute("keyword", entry.getKey());
                    text.setAttribute("value", entry.getValue());
                    latin.appendChild(text);
                } else {
                    IIOMetadataNode text = new IIOMetadataNode("iTXtEntry");
                    text.setAttribute("keyword", entry.getKey());
                    text.setAttribute("compressionFlag", "FALSE");
                    text.setAttribute("compressionMethod", "0");
                    text.setAttribute("languageTag", "");
                    text.setAttribute("translatedKeyword", "");
                    text.setAttribute("text", entry.getValue());
                    international.appendChild(text);
                }
            }
            if (latin.hasChildNodes()) {
                root.appendChild(latin);
            }
            if (international.hasChildNodes()) {
                root.appendChild(international);
            }
            metadata.mergeTree(PNG_FORMAT, root);
            writer.setOutput(out);
            writer.write(null, new IIOImage(buffered, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    private static void jpeg(RgbImage image, OutputOptions options, ImageOutputStream out) throws IOException {
        BufferedImage buffered = eightBit(image, false);
        ImageWriter writer = writer(buffered, "jpeg");
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(options.jpegQuality() / 100f);
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(buffered),
                    param);
            if (!options.text().isEmpty() && java.util.Arrays.asList(metadata.getMetadataFormatNames())
                    .contains(JPEG_FORMAT)) {
                comments(metadata, options.text());
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(buffered, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    /** One JPEG comment (COM segment) per entry, {@code Keyword: text}. */
    private static void comments(IIOMetadata metadata, Map<String, String> text) throws IIOInvalidTreeException {
        Node root = metadata.getAsTree(JPEG_FORMAT);
        Node markers = null;
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeName().equals("markerSequence")) {
                markers = child;
            }
        }
        if (markers == null) {
            return;
        }
        for (Map.Entry<String, String> entry : text.entrySet()) {
            IIOMetadataNode comment = new IIOMetadataNode("com");
            comment.setAttribute("comment", entry.getKey() + ": " + entry.getValue());
            markers.appendChild(comment);
        }
        metadata.setFromTree(JPEG_FORMAT, root);
    }

    /** 8 bits a sample, packed; with opacity when asked (JPEG never: it is flattened, colour over white). */
    private static BufferedImage eightBit(RgbImage image, boolean alpha) {
        int w = image.width();
        int h = image.height();
        int[] rgb = image.toPackedRgb();
        if (alpha) {
            float[] opacity = image.alpha();
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] |= level(opacity[i], 1) << 24;
            }
        }
        BufferedImage buffered = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(0, 0, w, h, rgb, 0, w);
        return buffered;
    }

    /** 16 bits a sample, sRGB components, with opacity if the picture has it. */
    private static BufferedImage sixteenBit(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        boolean alpha = image.hasAlpha();
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(w, h);
        float[] rgb = image.planes();
        float[] opacity = image.alpha();
        double scale = 65535.0 / 255;
        int bands = alpha ? 4 : 3;
        int[] pixel = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                for (int c = 0; c < 3; c++) {
                    pixel[c] = level(rgb[c * n + i], scale);
                }
                if (alpha) {
                    pixel[3] = level(opacity[i], scale);
                }
                raster.setPixel(x, y, pixel);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    private static int level(float value, double scale) {
        return (int) Math.round(Math.min(255.0, Math.max(0.0, value)) * scale);
    }

    private static ImageWriter writer(BufferedImage image, String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(image),
                format);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no " + format + " writer for " + image);
        }
        return writers.next();
    }
}
