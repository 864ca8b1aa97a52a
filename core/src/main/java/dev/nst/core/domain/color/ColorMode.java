package dev.nst.core.domain.color;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whose colours the result has (Gatys et al. 2017, "Controlling Perceptual Factors in Neural Style Transfer", section
 * 5). Every mode but {@link #STYLE} works in the YUV space of {@link Yuv}.
 */
public enum ColorMode {
    /** The style's colours, as the classic transfer gives them. */
    STYLE,
    /**
     * The transfer runs as usual; the result (and every snapshot and preview) takes its luminance from the optimised
     * image and its chrominance from the content photo, as jcjohnson/neural-style's {@code -original_colors 1}.
     */
    ORIGINAL,
    /**
     * Luminance-only transfer: content and styles are reduced to their luminance (each style's shifted and scaled to
     * the content's mean and standard deviation), the image is optimised as three equal channels, and the content's
     * chrominance is put back on what is shown.
     */
    LUMINANCE,
    /**
     * Colour histogram matching: each style image is recoloured before its targets are captured so that its pixels'
     * mean and covariance are the content's ({@link ColorMatching}).
     */
    HISTOGRAM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ColorMode parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new InvalidInputException(Setting.COLORS, "unknown colour mode '" + id + "'; use "
                        + Arrays.stream(values()).map(ColorMode::id).collect(Collectors.joining(", "))));
    }

    /** Whether the content's chrominance is put back on the optimised image before it is shown. */
    public boolean keepsContentChrominance() {
        return this == ORIGINAL || this == LUMINANCE;
    }
}
