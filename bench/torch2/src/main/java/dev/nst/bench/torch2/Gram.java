package dev.nst.bench.torch2;

import ai.djl.ndarray.NDArray;

/**
 * The Gram matrix of a layer's features, as nst defines it: with {@code F} the {@code C x (H*W)} activations,
 * {@code G = F F^T / (C*H*W)}.
 */
final class Gram {

    private Gram() {
    }

    /**
     * @param features {@code 1 x C x H x W} activations
     * @return the {@code C x C} Gram matrix; call it inside an {@code NDScope} (see {@link ScopedScalar})
     */
    static NDArray of(NDArray features) {
        long channels = features.getShape().get(1);
        long positions = features.getShape().size() / channels;
        NDArray f = features.reshape(channels, positions);
        return f.matMul(f.transpose()).div(ScopedScalar.of(features, channels * positions));
    }
}
