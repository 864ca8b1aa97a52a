package dev.nst.core.service;

import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Mask;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.tiling.Rect;
import dev.nst.core.domain.tiling.Tile;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The content targets of a stage: the photo's activations at each content layer over the whole image, captured tile
 * by tile where the stage runs on tiles (each tile's interior into its place), and where a content mask is given, the
 * mask at that layer's grid, the same for every channel. They live as long as the stage.
 */
final class ContentTargets {

    private final TransferSettings settings;
    private final LossWeights lossWeights;
    private final Optional<RgbImage> contentMask;
    private final LossKernels kernels;
    private final Preprocessing preprocessing;
    private final ToIntFunction<VggLayer> channels;

    /** @param channels the channels the network's weights produce at a layer */
    ContentTargets(TransferSettings settings, LossWeights lossWeights, Optional<RgbImage> contentMask,
                   LossKernels kernels, Preprocessing preprocessing, ToIntFunction<VggLayer> channels) {
        this.settings = settings;
        this.lossWeights = lossWeights;
        this.contentMask = contentMask;
        this.kernels = kernels;
        this.preprocessing = preprocessing;
        this.channels = channels;
    }

    /**
     * The content losses of the photo {@code content} (as the network sees it) at the stage's size, run on the tiles
     * of {@code tiles}. A layer whose weight is 0, or where the mask has no weight left, has no loss.
     *
     * @param scope the stage's: where the targets and masks are kept
     */
    List<ContentLoss> capture(TensorScope scope, TiledNetwork tiles, RgbImage content) {
        if (lossWeights.contentWeight() == 0) {
            return List.of();
        }
        Mask mask = contentMask.map(m -> Mask.fromPicture(m, content.width(), content.height())).orElse(null);
        List<ContentLoss> losses = new ArrayList<>();
        List<Tensor> targets = new ArrayList<>();
        List<VggLayer> layers = new ArrayList<>();
        for (int i = 0; i < settings.contentLayers().size(); i++) {
            VggLayer layer = settings.contentLayers().get(i);
            double weight = lossWeights.contentWeight() * settings.contentLayerWeight(i);
            Mask atLayer = mask == null ? null : mask.atLayer(layer);
            if (weight == 0 || (atLayer != null && atLayer.sum() == 0)) {
                continue;
            }
            Shape shape = layer.outputShape(channels.applyAsInt(layer), content.width(), content.height());
            Tensor target = scope.zeros(shape);
            targets.add(target);
            layers.add(layer);
            if (atLayer == null) {
                losses.add(new ContentLoss(layer, weight, target, scope));
            } else {
                requireOnGrid(atLayer, shape);
                losses.add(new ContentLoss(layer, weight, target,
                        scope.upload(shape, broadcast(atLayer.weights(), shape.channels())),
                        shape.channels() * atLayer.sum(), scope));
            }
        }
        capture(scope, tiles, content, layers, targets);
        return losses;
    }

    /** Runs the photo through the network, tile by tile, each tile's interior features into {@code targets}. */
    private void capture(TensorScope scope, TiledNetwork tiles, RgbImage content, List<VggLayer> layers,
                         List<Tensor> targets) {
        try (TensorScope photo = scope.openScope()) {
            Tensor input = photo.upload(new Shape(3, content.height(), content.width()),
                    preprocessing.toNetwork(content));
            for (Tile tile : tiles.tiles()) {
                Map<VggLayer, Tensor> features = tiles.forward(tile, input);
                for (int i = 0; i < layers.size(); i++) {
                    Tensor layerFeatures = features.get(layers.get(i));
                    if (tile.isWholeImage()) {
                        kernels.copy(layerFeatures, targets.get(i));
                        continue;
                    }
                    int p = layers.get(i).poolingsBefore();
                    Optional<Rect> inTile = tile.interiorInTileAt(p);
                    if (inTile.isPresent()) {
                        Rect inImage = tile.interiorInImageAt(p).orElseThrow();
                        kernels.copyRegion(layerFeatures, TiledNetwork.region(inTile.get()), targets.get(i),
                                inImage.y(), inImage.x());
                    }
                }
            }
            tiles.imageChanged();
        }
    }

    /** Checks that {@code mask} lies on the grid of features shaped {@code shape}. */
    private static void requireOnGrid(Mask mask, Shape shape) {
        if (mask.width() != shape.width() || mask.height() != shape.height()) {
            throw new IllegalStateException("a " + mask.width() + "x" + mask.height() + " mask for features " + shape);
        }
    }

    /** The plane {@code weights} repeated for {@code channels} channels. */
    private static float[] broadcast(float[] weights, int channels) {
        float[] out = new float[weights.length * channels];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(weights, 0, out, c * weights.length, weights.length);
        }
        return out;
    }
}
