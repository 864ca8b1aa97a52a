package dev.nst.core.service;

import dev.nst.core.domain.LossWeights;
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
 * Each stage then runs in a scope of its own: content targets, losses, initial image and the optimiser's state live
 * as long as the stage and are freed when it ends. The style is transferred on the colours only: a transparent
 * pixel's colour is what it shows over white (as the picture was read), and the content's transparency is put back
 * on every image the stage reports and on its result.
 */
final class PreparedTransfer implements AutoCloseable {

    /** Standard deviation of the initial noise, in the network's input space (as in jcjohnson/neural-style). */
    static final double NOISE_STD = 0.001;

    private final TransferStyleCommand command;
    private final TransferSettings settings;
    private final Preprocessing preprocessing;
    private final LossWeights lossWeights;
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
        this.session = backend.openSession();
        try {
            this.network = lossLayers.isEmpty() ? null : session.network(weights, settings.pooling(), lossLayers);
            this.styleTargets = new StyleTargets(network, session.losses(), session, preprocessing, command.styles(),
                    settings.styleLayers());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * One stage, in the order of the paper: capture the content targets at the stage's size, take the style targets
     * at its style size, choose the initial image, minimise. Returns the stage's result.
     *
     * @param init     where the stage starts: the command's initial image, or the previous stage's result
     * @param index    the stage's number, from 1
     * @param monitor  hears every iteration
     */
    RgbImage optimise(Stage stage, int index, InitialImage init, ProgressMonitor monitor) {
        try (TensorScope scope = session.openScope()) {
            RgbImage content = command.content().resizeLongestSide(stage.size());
            List<ContentLoss> contentLosses = captureContentTargets(scope, content);
            List<StyleLoss> styleLosses = styleLosses(scope, stage);
            TotalVariationLoss tvLoss = new TotalVariationLoss(lossWeights.tvWeight());
            Tensor image = initialImage(scope, init, content);

            Objective objective = new NeuralStyleObjective(network, session.losses(), scope, contentLosses, styleLosses,
                    tvLoss);
            optimizer(scope).minimize(image, objective, stage.iterations(), monitor.stage(index, stage.size(),
                    stage.iterations(), preprocessing, content));
            return preprocessing.fromNetwork(image.toArray(), content.width(), content.height()).withAlphaOf(content);
        }
    }

    private List<ContentLoss> captureContentTargets(TensorScope scope, RgbImage content) {
        if (lossWeights.contentWeight() == 0) {
            return List.of();
        }
        try (TensorScope photo = scope.openScope()) {
            Map<VggLayer, Tensor> features = network.forward(upload(photo, content));
            List<ContentLoss> losses = new ArrayList<>();
            for (VggLayer layer : settings.contentLayers()) {
                Tensor target = scope.zeros(features.get(layer).shape());
                session.losses().copy(features.get(layer), target);
                losses.add(new ContentLoss(layer, lossWeights.contentWeight(), target));
            }
            return losses;
        }
    }

    private List<StyleLoss> styleLosses(TensorScope scope, Stage stage) {
        if (lossWeights.styleWeight() == 0) {
            return List.of();
        }
        List<Tensor> targets = styleTargets.at(stage.styleSize(settings.styleScale()));
        List<StyleLoss> losses = new ArrayList<>();
        for (int i = 0; i < settings.styleLayers().size(); i++) {
            losses.add(new StyleLoss(settings.styleLayers().get(i), lossWeights.styleWeight(), targets.get(i), scope));
        }
        return losses;
    }

    private Tensor initialImage(TensorScope scope, InitialImage init, RgbImage content) {
        if (init instanceof InitialImage.Content) {
            return upload(scope, content);
        }
        if (init instanceof InitialImage.Picture picture) {
            return upload(scope, picture.image().resize(content.width(), content.height()));
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
