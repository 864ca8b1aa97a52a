package dev.nst.core.port.in;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;
import dev.nst.core.domain.RgbImage;
import java.util.Objects;

/** A style source and its (not yet normalised) blend weight. */
public record StyleImage(RgbImage image, double blendWeight) {

    public StyleImage {
        Objects.requireNonNull(image, "image");
        if (!(blendWeight >= 0) || Double.isInfinite(blendWeight)) {
            throw InvalidInputException.mustBe(Setting.STYLE_BLEND, "finite and >= 0", blendWeight);
        }
    }

    public StyleImage(RgbImage image) {
        this(image, 1.0);
    }
}
