package dev.nst.core.service;

import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.color.ColorMatching;
import dev.nst.core.domain.color.ColorMode;
import dev.nst.core.domain.color.ColorStatistics;
import dev.nst.core.domain.color.LuminanceTransfer;
import dev.nst.core.domain.color.LuminanceTransfer.LumaStatistics;
import dev.nst.core.domain.color.Yuv;

/**
 * Where a {@link ColorMode} enters the transfer: what the network sees of the content, the styles and the initial
 * picture, and what is shown of the optimised image (the result, every preview and snapshot). The content photo's
 * statistics, which styles are matched to, are those of the photo as given.
 */
final class ColorControl {

    private final ColorMode mode;
    /** The photo's colour statistics, in the modes that match styles to them (null in the others). */
    private final ColorStatistics photoColours;
    private final LumaStatistics photoLuma;

    ColorControl(ColorMode mode, RgbImage photo) {
        this.mode = mode;
        this.photoColours = mode == ColorMode.HISTOGRAM ? ColorStatistics.of(photo) : null;
        this.photoLuma = mode == ColorMode.LUMINANCE ? LumaStatistics.of(photo) : null;
    }

    /** The content as the network sees it: its luminance in {@link ColorMode#LUMINANCE} mode. */
    RgbImage content(RgbImage content) {
        return mode == ColorMode.LUMINANCE ? LuminanceTransfer.grey(content) : content;
    }

    /** An initial picture as the network sees it (luminance only in {@link ColorMode#LUMINANCE} mode). */
    RgbImage initial(RgbImage picture) {
        return content(picture);
    }

    /** A style image, resized, as its targets are captured from it. */
    RgbImage style(RgbImage style) {
        return switch (mode) {
            case STYLE, ORIGINAL -> style;
            case LUMINANCE -> LuminanceTransfer.matched(style, photoLuma);
            case HISTOGRAM -> ColorMatching.recolour(style, photoColours);
        };
    }

    /**
     * What is shown of the optimised image: with the chrominance of {@code content} (the photo at the image's size)
     * where the mode keeps the photo's colours.
     */
    RgbImage shown(RgbImage optimised, RgbImage content) {
        return mode.keepsContentChrominance() ? Yuv.withChrominanceOf(optimised, content) : optimised;
    }
}
