package dev.nst.core.port.in;

import dev.nst.core.domain.RgbImage;
import java.util.Objects;

/** Where the optimisation starts. */
public sealed interface InitialImage {

    /** Gaussian noise with standard deviation 0.001 in the network's input space, seeded by the run's seed. */
    record Noise() implements InitialImage {
    }

    /** The content photo itself. */
    record Content() implements InitialImage {
    }

    /** A given picture, resized to the content's dimensions. */
    record Picture(RgbImage image) implements InitialImage {
        public Picture {
            Objects.requireNonNull(image, "image");
        }
    }
}
