package dev.nst.core.port.in;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;

/**
 * One optimisation stage: the image is optimised at {@code size} pixels on its longer side for {@code iterations}
 * steps. A transfer runs one stage, or several at increasing sizes (coarse to fine), each starting from the one
 * before. The size's lower bound depends on the layers (see {@link TransferSettings}).
 */
public record Stage(int size, int iterations) {

    public Stage {
        if (iterations < 0 || iterations > TransferSettings.MAX_ITERATIONS) {
            throw InvalidInputException.mustBe(Setting.ITERATIONS, "between 0 and " + TransferSettings.MAX_ITERATIONS,
                    iterations);
        }
    }

    /** The longer side style images are resized to in this stage. */
    public int styleSize(double styleScale) {
        return (int) Math.max(1, Math.round(size * styleScale));
    }
}
