package dev.nst.core.service;

import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.tiling.Rect;
import dev.nst.core.domain.tiling.Tile;
import dev.nst.core.domain.tiling.TileGrid;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.List;
import java.util.Map;

/**
 * The network run over the tiles of a {@link TileGrid}: each tile's pixels are copied into a tile-sized input and
 * run forward; backward, a tile's image gradient is added into the whole image's at the tile's place. A grid of one
 * tile runs the image itself, with no copies. All tiles of a grid have one size, so the network keeps one plan for
 * them. The network holds the state of the last tile run forward; asking for that tile again costs nothing until the
 * image changes ({@link #imageChanged()}).
 */
final class TiledNetwork {

    private final FeatureNetwork network;
    private final LossKernels kernels;
    private final TileGrid grid;
    private final TensorScope scope;
    private Tensor tileImage;
    private Tensor tileGradient;
    private int loaded = -1;
    private Map<VggLayer, Tensor> features;

    /** @param scope where the tile-sized input and gradient are kept */
    TiledNetwork(FeatureNetwork network, LossKernels kernels, TileGrid grid, TensorScope scope) {
        this.network = network;
        this.kernels = kernels;
        this.grid = grid;
        this.scope = scope;
    }

    TileGrid grid() {
        return grid;
    }

    List<Tile> tiles() {
        return grid.tiles();
    }

    boolean isWhole() {
        return grid.isWhole();
    }

    /** The index of the tile whose state the network holds, or -1. */
    int loaded() {
        return loaded;
    }

    /** The image was changed (or another was run): no tile's state is current any more. */
    void imageChanged() {
        loaded = -1;
    }

    /** The features of {@code tile} of {@code image}; owned by the network until the next forward pass. */
    Map<VggLayer, Tensor> forward(Tile tile, Tensor image) {
        if (tile.index() == loaded) {
            return features;
        }
        if (grid.isWhole()) {
            features = network.forward(image);
        } else {
            if (tileImage == null) {
                tileImage = scope.zeros(new Shape(3, grid.tileHeight(), grid.tileWidth()));
            }
            kernels.copyRegion(image, region(tile.region()), tileImage, 0, 0);
            features = network.forward(tileImage);
        }
        loaded = tile.index();
        return features;
    }

    /**
     * Backpropagates {@code layerGradients} through {@code tile}, which must be the last one run forward: a whole
     * image's gradient is written into {@code imageGradient}, a tile's added to it at the tile's place.
     */
    void backward(Tile tile, Map<VggLayer, Tensor> layerGradients, Tensor imageGradient) {
        if (tile.index() != loaded) {
            throw new IllegalStateException("backward through tile " + tile.index() + " after a forward pass of tile "
                    + loaded);
        }
        if (grid.isWhole()) {
            network.backward(layerGradients, imageGradient);
            return;
        }
        if (tileGradient == null) {
            tileGradient = scope.zeros(new Shape(3, grid.tileHeight(), grid.tileWidth()));
        }
        network.backward(layerGradients, tileGradient);
        kernels.addRegion(tileGradient, new LossKernels.Region(0, 0, grid.tileHeight(), grid.tileWidth()),
                imageGradient, tile.y().start(), tile.x().start());
    }

    static LossKernels.Region region(Rect rect) {
        return new LossKernels.Region(rect.y(), rect.x(), rect.height(), rect.width());
    }
}
