package dev.nst.core.port.in;

import dev.nst.core.domain.ImageTooSmallException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Setting;
import dev.nst.core.domain.VggLayer;
import java.util.List;
import java.util.Objects;

/**
 * A request to stylise {@code content} with {@code styles}. Blend weights are normalised to sum to 1. Every image must
 * be large enough for the deepest layer a loss reads once resized for the smallest stage, so a request that cannot run
 * is refused here, before any work is queued.
 */
public record TransferStyleCommand(RgbImage content, List<StyleImage> styles, InitialImage initialImage,
                                   TransferSettings settings) {

    public static final int MAX_STYLES = 64;

    public TransferStyleCommand {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(initialImage, "initialImage");
        Objects.requireNonNull(settings, "settings");
        styles = List.copyOf(styles);
        if (styles.isEmpty()) {
            throw new InvalidInputException(Setting.STYLE, "at least one style image is needed");
        }
        if (styles.size() > MAX_STYLES) {
            throw new InvalidInputException(Setting.STYLE, "at most " + MAX_STYLES + " style images are supported, got "
                    + styles.size());
        }
        double sum = styles.stream().mapToDouble(StyleImage::blendWeight).sum();
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new InvalidInputException(Setting.STYLE_BLEND, "style blend weights must not all be zero");
        }
        styles = styles.stream().map(s -> new StyleImage(s.image(), s.blendWeight() / sum)).toList();
        requireLargeEnough(content, styles, settings);
    }

    /** Equal blend of the given style images. */
    public static TransferStyleCommand of(RgbImage content, List<RgbImage> styles, InitialImage init, TransferSettings settings) {
        return new TransferStyleCommand(content, styles.stream().map(StyleImage::new).toList(), init, settings);
    }

    /** The first stage is the smallest: what fits there fits everywhere. */
    private static void requireLargeEnough(RgbImage content, List<StyleImage> styles, TransferSettings settings) {
        Stage first = settings.stages().get(0);
        VggLayer deepest = settings.deepestLayer();
        requireLargeEnough(Setting.CONTENT, 0, 1, content, first.size(), deepest);
        int styleSize = first.styleSize(settings.styleScale());
        for (int i = 0; i < styles.size(); i++) {
            requireLargeEnough(Setting.STYLE, i, styles.size(), styles.get(i).image(), styleSize, deepest);
        }
    }

    private static void requireLargeEnough(Setting setting, int index, int count, RgbImage image, int size,
                                           VggLayer deepest) {
        int[] resized = image.sizeAtLongestSide(size);
        int minimum = deepest.minimumInputSide();
        if (resized[0] < minimum || resized[1] < minimum) {
            throw new ImageTooSmallException(setting, index, count, resized[0], resized[1], size, deepest);
        }
    }
}
