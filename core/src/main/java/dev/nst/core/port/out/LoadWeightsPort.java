package dev.nst.core.port.out;

import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;

/** Obtains VGG19 weights. */
public interface LoadWeightsPort {

    /**
     * Loads the convolutions needed to compute {@code deepest} (implementations may load more).
     *
     * @throws dev.nst.core.domain.WeightsUnavailableException when the weights are not present
     * @throws dev.nst.core.domain.InvalidInputException       when a given file is not usable VGG19 weights
     */
    Vgg19Weights load(WeightsSpec spec, VggLayer deepest);
}
