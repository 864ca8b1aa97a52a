package dev.nst.core.service;

import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.tiling.ReceptiveField;
import dev.nst.core.domain.tiling.Tile;
import dev.nst.core.domain.tiling.TileGrid;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The style targets of every style layer, {@link Gram} matrices of the style images resized to a style size (and
 * prepared for the colour mode). Unmasked styles are blended into one target per layer,
 * {@code A_l = sum_i b_i G_l(style_i)}; masked styles keep one target each, {@code A_il = G_l(style_i)}, since each
 * applies only where its mask does. Captured once per style size and kept for the whole transfer (they are small:
 * {@code C x C} per layer and style); a transfer of one stage captures them once. A style image too large for the
 * memory at hand is run on tiles, its Gram matrices summed over the tiles' interiors.
 */
final class StyleTargets {

    private final FeatureNetwork network;
    private final LossKernels kernels;
    private final TensorScope scope;
    private final Preprocessing preprocessing;
    private final List<StyleImage> styles;
    private final boolean blended;
    private final List<VggLayer> layers;
    private final ReceptiveField field;
    private final UnaryOperator<RgbImage> prepare;
    private final Map<Integer, List<List<Tensor>>> bySize = new HashMap<>();

    /**
     * @param scope    where the targets are kept (the session's)
     * @param blended  one blended target per layer, or one per style
     * @param field    the receptive field tiles must cover
     * @param prepare  what is done to a resized style image before its targets are captured
     */
    StyleTargets(FeatureNetwork network, LossKernels kernels, TensorScope scope, Preprocessing preprocessing,
                 List<StyleImage> styles, boolean blended, List<VggLayer> layers, ReceptiveField field,
                 UnaryOperator<RgbImage> prepare) {
        this.network = network;
        this.kernels = kernels;
        this.scope = scope;
        this.preprocessing = preprocessing;
        this.styles = styles;
        this.blended = blended;
        this.layers = layers;
        this.field = field;
        this.prepare = prepare;
    }

    /**
     * The targets for style images whose longer side is {@code styleSize}: for each style layer in order, the blended
     * target alone, or one target per style in the styles' order.
     *
     * @param tileInterior the interior of the tiles the images are run on, or 0 to run each whole
     */
    List<List<Tensor>> at(int styleSize, int tileInterior) {
        return bySize.computeIfAbsent(styleSize, size -> capture(size, tileInterior));
    }

    private List<List<Tensor>> capture(int styleSize, int tileInterior) {
        List<List<Tensor>> targets = new ArrayList<>();
        layers.forEach(layer -> targets.add(new ArrayList<>()));
        for (int s = 0; s < styles.size(); s++) {
            StyleImage style = styles.get(s);
            try (TensorScope image = scope.openScope()) {
                RgbImage picture = prepare.apply(style.image().resizeLongestSide(styleSize));
                Tensor input = image.upload(new Shape(3, picture.height(), picture.width()),
                        preprocessing.toNetwork(picture));
                TileGrid grid = tileInterior == 0 ? TileGrid.whole(picture.width(), picture.height())
                        : TileGrid.of(picture.width(), picture.height(), tileInterior, field);
                TiledNetwork tiled = new TiledNetwork(network, kernels, grid, image);
                double weight = blended ? style.blendWeight() : 1.0;
                for (Tile tile : grid.tiles()) {
                    Map<VggLayer, Tensor> features = tiled.forward(tile, input);
                    for (int i = 0; i < layers.size(); i++) {
                        VggLayer layer = layers.get(i);
                        Tensor layerFeatures = features.get(layer);
                        if (layerFeatures == null) {
                            continue; // a layer of weight 0: not computed, no target
                        }
                        List<Tensor> layerTargets = targets.get(i);
                        if (layerTargets.size() < (blended ? 1 : s + 1)) {
                            layerTargets.add(scope.zeros(layerFeatures.shape().gram()));
                        }
                        int p = layer.poolingsBefore();
                        Shape whole = new Shape(layerFeatures.shape().channels(), picture.height() >> p,
                                picture.width() >> p);
                        Tensor positions = grid.isWhole() ? null : image.upload(layerFeatures.shape().positions(),
                                TilePlanes.interior(grid, tile, p, null));
                        Gram.compute(kernels, layerFeatures, positions, weight * Gram.normaliser(whole), true,
                                layerTargets.get(layerTargets.size() - 1));
                        if (positions != null) {
                            positions.close();
                        }
                    }
                }
            }
        }
        return targets.stream().map(List::copyOf).toList();
    }
}
