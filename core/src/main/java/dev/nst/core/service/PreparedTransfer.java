package dev.nst.core.service;

import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Mask;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.Stage;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
    private final StyleTargets styleTargets;

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
        this.session = backend.openSession();
        try {
            this.network = lossLayers.isEmpty() ? null : session.network(weights, settings.pooling(), lossLayers);
            this.styleTargets = new StyleTargets(network, session.losses(), session, preprocessing, command.styles(),
                    !command.masked(), settings.styleLayers(), colors::style);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * One stage, in the order of the paper: capture the content targets at the stage's size, take the style targets
     * at its style size, choose the initial image, minimise.
     *
     * @param init     where the stage starts: the command's initial image, or the previous stage's optimised image
     * @param index    the stage's number, from 1
     * @param monitor  hears every iteration
     */
    Optimised optimise(Stage stage, int index, InitialImage init, ProgressMonitor monitor) {
        try (TensorScope scope = session.openScope()) {
            RgbImage photo = command.content().resizeLongestSide(stage.size());
            RgbImage content = colors.content(photo);
            List<ContentLoss> contentLosses = captureContentTargets(scope, content);
            List<StyleLoss> styleLosses = styleLosses(scope, stage, content.width(), content.height());
            TotalVariationLoss tvLoss = new TotalVariationLoss(lossWeights.tvWeight());
            Tensor image = initialImage(scope, init, content);

            Objective objective = new NeuralStyleObjective(network, session.losses(),
                    settings.normalizeGradients() ? session.optimizer() : null, scope, contentLosses, styleLosses,
                    tvLoss);
            optimizer(scope).minimize(image, objective, stage.iterations(), monitor.stage(index, stage.size(),
                    stage.iterations(), x -> colors.shown(picture(x, photo), photo)));
            RgbImage optimised = picture(image, photo);
            return new Optimised(optimised, colors.shown(optimised, photo));
        }
    }

    /** The picture of the tensor {@code x}, with {@code photo}'s transparency. */
    private RgbImage picture(Tensor x, RgbImage photo) {
        return preprocessing.fromNetwork(x.toArray(), photo.width(), photo.height()).withAlphaOf(photo);
    }

    /**
     * The content targets: the photo's activations at each content layer, and where a content mask is given, the mask
     * at that layer's grid, the same for every channel. A layer whose weight is 0, or where the mask has no weight
     * left, has no loss.
     */
    private List<ContentLoss> captureContentTargets(TensorScope scope, RgbImage content) {
        if (lossWeights.contentWeight() == 0) {
            return List.of();
        }
        Mask mask = command.contentMask().map(m -> Mask.fromPicture(m, content.width(), content.height())).orElse(null);
        try (TensorScope photo = scope.openScope()) {
            Map<VggLayer, Tensor> features = network.forward(upload(photo, content));
            List<ContentLoss> losses = new ArrayList<>();
            for (int i = 0; i < settings.contentLayers().size(); i++) {
                VggLayer layer = settings.contentLayers().get(i);
                double weight = lossWeights.contentWeight() * settings.contentLayerWeight(i);
                Tensor layerFeatures = features.get(layer);
                Mask atLayer = mask == null ? null : atGrid(mask.atLayer(layer), layerFeatures.shape());
                if (weight == 0 || (atLayer != null && atLayer.sum() == 0)) {
                    continue;
                }
                Tensor target = scope.zeros(layerFeatures.shape());
                session.losses().copy(layerFeatures, target);
                if (atLayer == null) {
                    losses.add(new ContentLoss(layer, weight, target));
                } else {
                    Shape shape = layerFeatures.shape();
                    losses.add(new ContentLoss(layer, weight, target,
                            scope.upload(shape, broadcast(atLayer.weights(), shape.channels())),
                            shape.channels() * atLayer.sum()));
                }
            }
            return losses;
        }
    }

    /**
     * The style losses of a stage whose image is {@code width x height}: per style layer, the blended target alone,
     * or with style masks one term per style, its mask brought to the layer's grid. A layer whose weight is 0, and a
     * style whose mask has no weight left at a layer, have no term there.
     */
    private List<StyleLoss> styleLosses(TensorScope scope, Stage stage, int width, int height) {
        if (lossWeights.styleWeight() == 0) {
            return List.of();
        }
        List<List<Tensor>> targets = styleTargets.at(stage.styleSize(settings.styleScale()));
        List<Mask> masks = command.masked() ? command.styles().stream()
                .map(s -> Mask.fromPicture(s.mask().orElseThrow(), width, height)).toList() : null;
        List<StyleLoss> losses = new ArrayList<>();
        for (int i = 0; i < settings.styleLayers().size(); i++) {
            VggLayer layer = settings.styleLayers().get(i);
            double weight = lossWeights.styleWeight() * settings.styleLayerWeight(i);
            if (weight == 0) {
                continue;
            }
            List<StyleLoss.Term> terms = new ArrayList<>();
            if (masks == null) {
                terms.add(StyleLoss.Term.everywhere(targets.get(i).get(0)));
            } else {
                for (int s = 0; s < masks.size(); s++) {
                    Mask atLayer = masks.get(s).atLayer(layer);
                    double sum = atLayer.sum();
                    if (sum > 0) {
                        Tensor squared = scope.upload(new Shape(1, atLayer.height(), atLayer.width()),
                                atLayer.squaredWeights());
                        terms.add(new StyleLoss.Term(targets.get(i).get(s), squared, sum));
                    }
                }
            }
            if (!terms.isEmpty()) {
                losses.add(new StyleLoss(layer, weight, terms, scope));
            }
        }
        return losses;
    }

    /** {@code mask}, checked to lie on the grid of features shaped {@code shape}. */
    private static Mask atGrid(Mask mask, Shape shape) {
        if (mask.width() != shape.width() || mask.height() != shape.height()) {
            throw new IllegalStateException("a " + mask.width() + "x" + mask.height() + " mask for features " + shape);
        }
        return mask;
    }

    /** The plane {@code weights} repeated for {@code channels} channels. */
    private static float[] broadcast(float[] weights, int channels) {
        float[] out = new float[weights.length * channels];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(weights, 0, out, c * weights.length, weights.length);
        }
        return out;
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
    private Optimizer optimizer(TensorScope scope) {
        return switch (settings.optimizer()) {
            case LBFGS -> new Lbfgs(session.optimizer(), scope, settings.effectiveLearningRate(), Lbfgs.DEFAULT_HISTORY);
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
