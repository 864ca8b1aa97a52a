package dev.nst.core.service;

import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Mask;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.tiling.ReceptiveField;
import dev.nst.core.domain.tiling.Tile;
import dev.nst.core.domain.tiling.TileGrid;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.Stage;
import dev.nst.core.port.in.StagePlan;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;
import java.util.Set;

/**
 * A transfer prepared once, for all its stages: the session on the backend, the network and the style targets.
 * Each stage then runs in a scope of its own: content targets, masks, losses, initial image and the optimiser's state
 * live as long as the stage and are freed when it ends. The style is transferred on the colours only: a transparent
 * pixel's colour is what it shows over white (as the picture was read), and the content's transparency is put back
 * on every image the stage reports and on its result. The colour mode ({@link ColorControl}) decides what the network
 * sees of each picture and what is shown of the optimised image.
 */
final class PreparedTransfer implements AutoCloseable {

    /** Standard deviation of the initial noise, in the network's input space (as in jcjohnson/neural-style). */
    static final double NOISE_STD = 0.001;

    /** What a stage leaves: the optimised image, which the next stage starts from, and what is shown of it. */
    record Optimised(RgbImage image, RgbImage shown) {
    }

    private final TransferStyleCommand command;
    private final TransferSettings settings;
    private final Preprocessing preprocessing;
    private final LossWeights lossWeights;
    private final ColorControl colors;
    private final ComputeSession session;
    private final FeatureNetwork network;
    private final ReceptiveField field;
    private final ToIntFunction<VggLayer> channels;
    private final StyleTargets styleTargets;
    private final ContentTargets contentTargets;

    /**
     * Opens a session and builds the network on the layers the losses read (none when both the content and the style
     * weight are 0: only TV remains and the network is never run).
     */
    PreparedTransfer(ComputeBackend backend, TransferStyleCommand command, Vgg19Weights weights, Set<VggLayer> lossLayers,
                     LossWeights lossWeights) {
        this.command = command;
        this.settings = command.settings();
        this.preprocessing = weights.preprocessing();
        this.lossWeights = lossWeights;
        this.colors = new ColorControl(settings.colors(), command.content());
        this.channels = weights::channelsAt;
        this.field = lossLayers.isEmpty() ? ReceptiveField.PIXEL : ReceptiveField.ofDeepest(lossLayers);
        this.session = backend.openSession();
        try {
            this.network = lossLayers.isEmpty() ? null : session.network(weights, settings.pooling(), lossLayers);
            this.styleTargets = new StyleTargets(network, session.losses(), session, preprocessing, command.styles(),
                    !command.masked(), settings.styleLayers(), field, colors::style);
            this.contentTargets = new ContentTargets(settings, lossWeights, command.contentMask(), session.losses(),
                    preprocessing, channels);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * One stage, in the order of the paper: capture the content targets at the stage's size, take the style targets
     * at its style size, choose the initial image, minimise. The network runs on the tiles the stage's plan chose (the
     * whole image when it chose none).
     *
     * @param init     where the stage starts: the command's initial image, or the previous stage's optimised image
     * @param index    the stage's number, from 1
     * @param plan     the stage's plan: its tiles and L-BFGS history
     * @param monitor  hears every iteration
     */
    Optimised optimise(Stage stage, int index, InitialImage init, StagePlan plan, ProgressMonitor monitor) {
        float[] values;
        RgbImage photo;
        try (StageRun run = prepare(stage, init, plan)) {
            optimizer(run.scope, plan.lbfgsHistory()).minimize(run.image, run.objective, stage.iterations(),
                    monitor.stage(index, stage.size(), stage.iterations(),
                            x -> colors.shown(picture(x, run.photo), run.photo)));
            values = run.image.toArray();
            photo = run.photo;
        }
        // the stage's tensors are freed before its pictures are made on the heap: the two peaks do not meet
        RgbImage optimised = preprocessing.fromNetwork(values, photo.width(), photo.height()).withAlphaOf(photo);
        return new Optimised(optimised, colors.shown(optimised, photo));
    }

    /**
     * A stage ready to be optimised, in a scope of its own that closes with it: the photo at the stage's size, the
     * objective (targets captured) and the initial image.
     */
    static final class StageRun implements AutoCloseable {
        final TensorScope scope;
        final RgbImage photo;
        final Objective objective;
        final Tensor image;

        private StageRun(TensorScope scope, RgbImage photo, Objective objective, Tensor image) {
            this.scope = scope;
            this.photo = photo;
            this.objective = objective;
            this.image = image;
        }

        @Override
        public void close() {
            scope.close();
        }
    }

    /** Captures the targets of a stage and uploads its initial image, on the tiles of its plan. */
    StageRun prepare(Stage stage, InitialImage init, StagePlan plan) {
        TensorScope scope = session.openScope();
        try {
            RgbImage photo = command.content().resizeLongestSide(stage.size());
            RgbImage content = colors.content(photo);
            TileGrid grid = plan.tiled() && network != null
                    ? TileGrid.of(content.width(), content.height(), plan.tileSize(), field)
                    : TileGrid.whole(content.width(), content.height());
            TiledNetwork tiles = network == null ? null : new TiledNetwork(network, session.losses(), grid, scope);
            List<ContentLoss> contentLosses = contentTargets.capture(scope, tiles, content);
            List<StyleLoss> styleLosses = styleLosses(scope, stage, grid, plan.styleTileSize());
            TotalVariationLoss tvLoss = new TotalVariationLoss(lossWeights.tvWeight());
            Tensor image = initialImage(scope, init, content);
            Objective objective = new NeuralStyleObjective(tiles, session.losses(),
                    settings.normalizeGradients() ? session.optimizer() : null, scope, contentLosses, styleLosses,
                    tvLoss);
            return new StageRun(scope, photo, objective, image);
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    /** The picture of the tensor {@code x}, with {@code photo}'s transparency. */
    private RgbImage picture(Tensor x, RgbImage photo) {
        return preprocessing.fromNetwork(x.toArray(), photo.width(), photo.height()).withAlphaOf(photo);
    }

    /**
     * The style losses of a stage whose image is cut by {@code grid}: per style layer, the blended target alone, or
     * with style masks one term per style, its mask brought to the layer's grid. On tiles, each term has position
     * weights per tile (its mask squared, or 1, inside the tile's interior; 0 outside). A layer whose weight is 0, and
     * a style whose mask has no weight left at a layer, have no term there.
     *
     * @param styleTiles the interior of the tiles the style images are run on, 0 for whole
     */
    private List<StyleLoss> styleLosses(TensorScope scope, Stage stage, TileGrid grid, int styleTiles) {
        if (lossWeights.styleWeight() == 0) {
            return List.of();
        }
        int width = grid.width();
        int height = grid.height();
        List<List<Tensor>> targets = styleTargets.at(stage.styleSize(settings.styleScale()), styleTiles);
        List<Mask> masks = command.masked() ? command.styles().stream()
                .map(s -> Mask.fromPicture(s.mask().orElseThrow(), width, height)).toList() : null;
        List<StyleLoss> losses = new ArrayList<>();
        for (int i = 0; i < settings.styleLayers().size(); i++) {
            VggLayer layer = settings.styleLayers().get(i);
            double weight = lossWeights.styleWeight() * settings.styleLayerWeight(i);
            if (weight == 0) {
                continue;
            }
            Shape whole = layer.outputShape(channels.applyAsInt(layer), width, height);
            List<StyleLoss.Term> terms = new ArrayList<>();
            if (masks == null) {
                terms.add(new StyleLoss.Term(targets.get(i).get(0), tileWeights(scope, grid, layer, null),
                        Gram.normaliser(whole)));
            } else {
                for (int s = 0; s < masks.size(); s++) {
                    Mask atLayer = masks.get(s).atLayer(layer);
                    double sum = atLayer.sum();
                    if (sum > 0) {
                        terms.add(new StyleLoss.Term(targets.get(i).get(s), tileWeights(scope, grid, layer, atLayer),
                                Gram.maskedNormaliser(whole.channels(), sum)));
                    }
                }
            }
            if (!terms.isEmpty()) {
                losses.add(new StyleLoss(layer, weight, terms, scope));
            }
        }
        return losses;
    }

    /**
     * Per tile of {@code grid}, the position weights of a Gram matrix at {@code layer}: {@code mask} squared (or 1)
     * inside the tile's interior, 0 outside; a single null entry for the whole image without a mask.
     */
    private List<Tensor> tileWeights(TensorScope scope, TileGrid grid, VggLayer layer, Mask mask) {
        List<Tensor> weights = new ArrayList<>();
        int p = layer.poolingsBefore();
        for (Tile tile : grid.tiles()) {
            if (grid.isWhole()) {
                weights.add(mask == null ? null
                        : scope.upload(new Shape(1, mask.height(), mask.width()), mask.squaredWeights()));
            } else {
                weights.add(scope.upload(new Shape(1, grid.tileHeight() >> p, grid.tileWidth() >> p),
                        TilePlanes.interior(grid, tile, p, mask)));
            }
        }
        return weights;
    }



    private Tensor initialImage(TensorScope scope, InitialImage init, RgbImage content) {
        if (init instanceof InitialImage.Content) {
            return upload(scope, content);
        }
        if (init instanceof InitialImage.Picture picture) {
            return upload(scope, colors.initial(picture.image().resize(content.width(), content.height())));
        }
        Shape shape = new Shape(3, content.height(), content.width());
        Random random = new Random(settings.seed());
        float[] noise = new float[shape.intSize()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextGaussian() * NOISE_STD);
        }
        return scope.upload(shape, noise);
    }

    /**
     * L-BFGS's learning rate multiplies its quasi-Newton step, which adapts to the scale of the input; Adam's is a
     * step size in 0..255 pixel levels, converted here to the network's input units. Each stage starts afresh.
     */
    private Optimizer optimizer(TensorScope scope, int history) {
        return switch (settings.optimizer()) {
            case LBFGS -> new Lbfgs(session.optimizer(), scope, settings.effectiveLearningRate(), Math.max(1, history));
            case ADAM -> new Adam(session.optimizer(), scope,
                    settings.effectiveLearningRate() * preprocessing.unitsPerLevel());
        };
    }

    private Tensor upload(TensorScope scope, RgbImage image) {
        return scope.upload(new Shape(3, image.height(), image.width()), preprocessing.toNetwork(image));
    }

    /** Frees everything the transfer allocated on the backend. */
    @Override
    public void close() {
        session.close();
    }
}
