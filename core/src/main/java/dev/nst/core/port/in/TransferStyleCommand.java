package dev.nst.core.port.in;

import dev.nst.core.domain.ImageTooSmallException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Mask;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Setting;
import dev.nst.core.domain.VggLayer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to stylise {@code content} with {@code styles}. Blend weights are normalised to sum to 1. Every image must
 * be large enough for the deepest layer a loss reads once resized for the smallest stage, so a request that cannot run
 * is refused here, before any work is queued.
 *
 * <p>Styles either all have masks or none has; masked styles are not blended (each mask says where its style goes),
 * so their blend weights must be equal. {@code contentMask}, when present, says where the content loss applies. A mask
 * that is black everywhere is refused: what it masks would apply nowhere.
 */
public record TransferStyleCommand(RgbImage content, List<StyleImage> styles, InitialImage initialImage,
                                   TransferSettings settings, Optional<RgbImage> contentMask) {

    public static final int MAX_STYLES = 64;

    public TransferStyleCommand {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(initialImage, "initialImage");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(contentMask, "contentMask");
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
        styles = styles.stream().map(s -> s.withBlendWeight(s.blendWeight() / sum)).toList();
        requireUsableMasks(styles, contentMask);
        requireLargeEnough(content, styles, settings);
    }

    public TransferStyleCommand(RgbImage content, List<StyleImage> styles, InitialImage initialImage,
                                TransferSettings settings) {
        this(content, styles, initialImage, settings, Optional.empty());
    }

    /** Whether the styles have masks (then every one has). */
    public boolean masked() {
        return styles.get(0).mask().isPresent();
    }

    private static void requireUsableMasks(List<StyleImage> styles, Optional<RgbImage> contentMask) {
        long masks = styles.stream().filter(s -> s.mask().isPresent()).count();
        if (masks > 0 && masks < styles.size()) {
            throw new InvalidInputException(Setting.STYLE_MASK, "give one mask per style image, in the same order: "
                    + masks + " of " + styles.size() + " style images have one");
        }
        if (masks > 0) {
            double first = styles.get(0).blendWeight();
            if (styles.stream().anyMatch(s -> Math.abs(s.blendWeight() - first) > 1e-12)) {
                throw new InvalidInputException(Setting.STYLE_BLEND, "blend weights cannot be combined with style"
                        + " masks: each mask says where its style goes");
            }
            for (int i = 0; i < styles.size(); i++) {
                if (Mask.isBlack(styles.get(i).mask().orElseThrow())) {
                    throw new InvalidInputException(Setting.STYLE_MASK, "the mask of "
                            + (styles.size() == 1 ? "the style image" : "style image " + (i + 1))
                            + " is black everywhere, so its style would be used nowhere");
                }
            }
        }
        if (contentMask.isPresent() && Mask.isBlack(contentMask.get())) {
            throw new InvalidInputException(Setting.CONTENT_MASK, "the mask is black everywhere, so the content would"
                    + " be kept nowhere (give the content weight 0 instead)");
        }
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
