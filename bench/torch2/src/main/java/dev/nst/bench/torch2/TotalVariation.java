package dev.nst.bench.torch2;

import ai.djl.ndarray.NDArray;

/**
 * Total variation as nst defines it: {@code tvWeight / 2 * sum over channels of the squared differences between
 * horizontal and vertical neighbours}.
 */
final class TotalVariation {

    private TotalVariation() {
    }

    /** @param image {@code 1 x C x H x W}; call it inside an {@code NDScope} (see {@link ScopedScalar}) */
    static NDArray of(NDArray image, double weight) {
        NDArray horizontal = image.get(":, :, :, 1:").sub(image.get(":, :, :, :-1"));
        NDArray vertical = image.get(":, :, 1:, :").sub(image.get(":, :, :-1, :"));
        return horizontal.square().sum().add(vertical.square().sum()).mul(ScopedScalar.of(image, weight / 2));
    }
}
