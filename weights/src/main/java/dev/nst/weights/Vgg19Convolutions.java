package dev.nst.weights;

import dev.nst.core.domain.VggLayer;
import java.util.List;

/** Which VGG19 convolutions a layer depends on, so that loaders read no more than a run needs. */
final class Vgg19Convolutions {

    private Vgg19Convolutions() {
    }

    /** {@code conv1_1} up to the last convolution at or before {@code deepest}; pool1 needs conv1_1 and conv1_2. */
    static List<VggLayer> neededFor(VggLayer deepest) {
        return VggLayer.convolutions().stream().filter(deepest::atOrAfter).toList();
    }
}
