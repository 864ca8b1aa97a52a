package dev.nst.core.port.in;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A style source, its (not yet normalised) blend weight, and optionally its mask: a greyscale picture saying where in
 * the result this style goes (white: here, black: not here), resized to the content's size.
 */
public record StyleImage(RgbImage image, double blendWeight, Optional<RgbImage> mask) {

    public StyleImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        if (!(blendWeight >= 0) || Double.isInfinite(blendWeight)) {
            throw InvalidInputException.mustBe(Setting.STYLE_BLEND, "finite and >= 0", blendWeight);
        }
    }

    public StyleImage(RgbImage image, double blendWeight) {
        this(image, blendWeight, Optional.empty());
    }

    public StyleImage(RgbImage image) {
        this(image, 1.0);
    }

    /** A style that goes where {@code mask} is white. */
    public static StyleImage masked(RgbImage image, RgbImage mask) {
        return new StyleImage(image, 1.0, Optional.of(mask));
    }

    /**
     * Style images paired with their masks by order: one mask per style image, or none at all.
     *
     * @throws InvalidInputException naming {@link Setting#STYLE_MASK} when the counts differ
     */
    public static List<StyleImage> masked(List<RgbImage> images, List<RgbImage> masks) {
        if (masks.isEmpty()) {
            return images.stream().map(StyleImage::new).toList();
        }
        if (masks.size() != images.size()) {
            throw new InvalidInputException(Setting.STYLE_MASK, "give one mask per style image, in the same order: got "
                    + masks.size() + (masks.size() == 1 ? " mask" : " masks") + " for " + images.size()
                    + (images.size() == 1 ? " style image" : " style images"));
        }
        List<StyleImage> styles = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            styles.add(masked(images.get(i), masks.get(i)));
        }
        return styles;
    }

    /** The same style with blend weight {@code weight}. */
    public StyleImage withBlendWeight(double weight) {
        return new StyleImage(image, weight, mask);
    }
}
