package dev.nst.core.port.in;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import java.util.List;
import java.util.Objects;

/**
 * A request to stylise {@code content} with {@code styles}. Blend weights are normalised to sum to 1.
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
            throw new InvalidInputException("at least one style image is needed");
        }
        if (styles.size() > MAX_STYLES) {
            throw new InvalidInputException("at most " + MAX_STYLES + " style images are supported, got " + styles.size());
        }
        double sum = styles.stream().mapToDouble(StyleImage::blendWeight).sum();
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new InvalidInputException("style blend weights must not all be zero");
        }
        styles = styles.stream().map(s -> new StyleImage(s.image(), s.blendWeight() / sum)).toList();
    }

    /** Equal blend of the given style images. */
    public static TransferStyleCommand of(RgbImage content, List<RgbImage> styles, InitialImage init, TransferSettings settings) {
        return new TransferStyleCommand(content, styles.stream().map(StyleImage::new).toList(), init, settings);
    }
}
