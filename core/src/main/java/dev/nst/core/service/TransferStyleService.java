package dev.nst.core.service;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferCancelledException;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.in.TransferStyleUseCase;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.LoadWeightsPort;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Neural style transfer after Gatys, Ecker & Bethge (2015), in the order of jcjohnson's neural_style.lua: load the
 * network, preprocess, capture content targets, capture style targets, choose the initial image, optimise.
 */
public final class TransferStyleService implements TransferStyleUseCase {

    /** Standard deviation of the initial noise, in the network's input space (as in jcjohnson/neural-style). */
    static final double NOISE_STD = 0.001;

    private final ComputeBackend backend;
    private final LoadWeightsPort weightsPort;
    private final LongSupplier nanoTime;

    public TransferStyleService(ComputeBackend backend, LoadWeightsPort weightsPort) {
        this(backend, weightsPort, System::nanoTime);
    }

    TransferStyleService(ComputeBackend backend, LoadWeightsPort weightsPort, LongSupplier nanoTime) {
        this.backend = backend;
        this.weightsPort = weightsPort;
        this.nanoTime = nanoTime;
    }

    @Override
    public TransferResult transfer(TransferStyleCommand command, ProgressListener listener) {
        TransferSettings settings = command.settings();
        RgbImage content = command.content().resizeLongestSide(settings.size());
        requireLargeEnough("the content image", content, settings.deepestLayer());
        List<StyleImage> styles = resizeStyles(command.styles(), settings);
        Set<VggLayer> lossLayers = lossLayers(settings);
        Vgg19Weights weights = loadNetworkWeights(settings, lossLayers);
        Preprocessing preprocessing = weights.preprocessing();
        LossWeights lossWeights = settings.lossWeights().resolve(weights.recommendedLossWeights());

        try (ComputeSession session = backend.openSession()) {
            TensorMath math = session.math();
            // With both content and style weights at 0 only TV remains and the network is never run.
            FeatureNetwork network = lossLayers.isEmpty() ? null : session.network(weights, settings.pooling(), lossLayers);
            List<ContentLoss> contentLosses = captureContentTargets(network, math, preprocessing, content, settings,
                    lossWeights.contentWeight());
            List<StyleLoss> styleLosses = captureStyleTargets(network, math, preprocessing, styles, settings,
                    lossWeights.styleWeight());
            TotalVariationLoss tvLoss = new TotalVariationLoss(lossWeights.tvWeight());
            Tensor image = initialImage(math, command.initialImage(), preprocessing, content, settings.seed());

            Objective objective = new NeuralStyleObjective(network, math, contentLosses, styleLosses, tvLoss);
            Optimizer optimizer = optimizer(settings, math, preprocessing);
            Monitor monitor = new Monitor(listener, settings.iterations(), preprocessing, content);
            optimizer.minimize(image, objective, settings.iterations(), monitor);

            RgbImage result = preprocessing.fromNetwork(image.toArray(), content.width(), content.height());
            return new TransferResult(result, monitor.lastLoss, settings.iterations(), monitor.elapsed(),
                    backend.description(), weights.source());
        }
    }

    /** Loads the convolutions the losses read (only the first when no loss reads any: the input convention is needed). */
    private Vgg19Weights loadNetworkWeights(TransferSettings settings, Set<VggLayer> lossLayers) {
        WeightsSpec spec = settings.weights() instanceof WeightsSpec.Random random && random.seed().isEmpty()
                ? new WeightsSpec.Random(java.util.OptionalLong.of(settings.seed()))
                : settings.weights();
        VggLayer deepest = lossLayers.isEmpty() ? VggLayer.RELU1_1 : VggLayer.deepest(lossLayers);
        Vgg19Weights weights = weightsPort.load(spec, deepest);
        if (!weights.covers(deepest)) {
            throw new InvalidInputException("weights " + weights.source() + " stop at " + weights.deepestLayer().id()
                    + " but layer " + deepest.id() + " was requested");
        }
        return weights;
    }

    /**
     * The layers whose activations the losses read; a loss given weight 0 is left out altogether (a weight not given
     * comes from the network's weights and is always positive).
     */
    private static Set<VggLayer> lossLayers(TransferSettings settings) {
        Set<VggLayer> layers = EnumSet.noneOf(VggLayer.class);
        if (settings.lossWeights().contentLossWanted()) {
            layers.addAll(settings.contentLayers());
        }
        if (settings.lossWeights().styleLossWanted()) {
            layers.addAll(settings.styleLayers());
        }
        return layers;
    }

    private List<ContentLoss> captureContentTargets(FeatureNetwork network, TensorMath math, Preprocessing preprocessing,
                                                    RgbImage content, TransferSettings settings, double weight) {
        if (weight == 0) {
            return List.of();
        }
        try (Tensor input = upload(math, preprocessing, content)) {
            Map<VggLayer, Tensor> features = network.forward(input);
            List<ContentLoss> losses = new ArrayList<>();
            for (VggLayer layer : settings.contentLayers()) {
                Tensor target = math.zeros(features.get(layer).shape());
                math.copy(features.get(layer), target);
                losses.add(new ContentLoss(layer, weight, target));
            }
            return losses;
        }
    }

    /** {@code A_l = sum_i b_i G_l(style_i)} for every style layer. */
    private List<StyleLoss> captureStyleTargets(FeatureNetwork network, TensorMath math, Preprocessing preprocessing,
                                                List<StyleImage> styles, TransferSettings settings, double weight) {
        if (weight == 0) {
            return List.of();
        }
        List<Tensor> targets = new ArrayList<>();
        for (StyleImage style : styles) {
            try (Tensor input = upload(math, preprocessing, style.image())) {
                Map<VggLayer, Tensor> features = network.forward(input);
                for (int i = 0; i < settings.styleLayers().size(); i++) {
                    Tensor layerFeatures = features.get(settings.styleLayers().get(i));
                    if (targets.size() <= i) {
                        targets.add(math.zeros(layerFeatures.shape().gram()));
                    }
                    try (Tensor gram = math.zeros(layerFeatures.shape().gram())) {
                        math.gram(layerFeatures, gram);
                        math.axpy(style.blendWeight(), gram, targets.get(i));
                    }
                }
            }
        }
        List<StyleLoss> losses = new ArrayList<>();
        for (int i = 0; i < settings.styleLayers().size(); i++) {
            losses.add(new StyleLoss(settings.styleLayers().get(i), weight, targets.get(i)));
        }
        return losses;
    }

    private static Tensor initialImage(TensorMath math, InitialImage init, Preprocessing preprocessing, RgbImage content,
                                       long seed) {
        Shape shape = new Shape(3, content.height(), content.width());
        if (init instanceof InitialImage.Content) {
            return upload(math, preprocessing, content);
        }
        if (init instanceof InitialImage.Picture picture) {
            return upload(math, preprocessing, picture.image().resize(content.width(), content.height()));
        }
        Random random = new Random(seed);
        float[] noise = new float[shape.size()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextGaussian() * NOISE_STD);
        }
        return math.upload(shape, noise);
    }

    /**
     * L-BFGS's learning rate multiplies its quasi-Newton step, which adapts to the scale of the input; Adam's is a
     * step size in 0..255 pixel levels, converted here to the network's input units.
     */
    private static Optimizer optimizer(TransferSettings settings, TensorMath math, Preprocessing preprocessing) {
        return switch (settings.optimizer()) {
            case LBFGS -> new Lbfgs(math, settings.effectiveLearningRate(), Lbfgs.DEFAULT_HISTORY);
            case ADAM -> new Adam(math, settings.effectiveLearningRate() * preprocessing.unitsPerLevel());
        };
    }

    private static Tensor upload(TensorMath math, Preprocessing preprocessing, RgbImage image) {
        return math.upload(new Shape(3, image.height(), image.width()), preprocessing.toNetwork(image));
    }

    private static List<StyleImage> resizeStyles(List<StyleImage> styles, TransferSettings settings) {
        List<StyleImage> resized = new ArrayList<>();
        for (int i = 0; i < styles.size(); i++) {
            RgbImage image = styles.get(i).image().resizeLongestSide(settings.styleSize());
            requireLargeEnough(styles.size() == 1 ? "the style image" : "style image " + (i + 1), image,
                    settings.deepestLayer());
            resized.add(new StyleImage(image, styles.get(i).blendWeight()));
        }
        return resized;
    }

    private static void requireLargeEnough(String what, RgbImage image, VggLayer deepest) {
        int minimum = deepest.minimumInputSide();
        if (image.width() < minimum || image.height() < minimum) {
            throw new InvalidInputException(what + " is " + image.width() + "x" + image.height()
                    + " px after resizing; layer " + deepest.id() + " needs at least " + minimum + " px on each side");
        }
    }

    /** Reports progress and honours cancellation (thread interruption) between iterations. */
    private final class Monitor implements Optimizer.Observer {
        private final ProgressListener listener;
        private final int iterations;
        private final Preprocessing preprocessing;
        private final RgbImage content;
        private final long start = nanoTime.getAsLong();
        private LossBreakdown lastLoss;

        Monitor(ProgressListener listener, int iterations, Preprocessing preprocessing, RgbImage content) {
            this.listener = listener;
            this.iterations = iterations;
            this.preprocessing = preprocessing;
            this.content = content;
        }

        Duration elapsed() {
            return Duration.ofNanos(nanoTime.getAsLong() - start);
        }

        @Override
        public void observe(int iteration, LossBreakdown loss, Tensor x) {
            lastLoss = loss;
            listener.onProgress(new Progress(iteration, iterations, loss, elapsed(),
                    () -> preprocessing.fromNetwork(x.toArray(), content.width(), content.height())));
            if (!Double.isFinite(loss.total())) {
                throw new TransferFailedException("the optimisation diverged at iteration " + iteration
                        + " (the loss is no longer a finite number); try --optimizer adam or a smaller --learning-rate");
            }
            if (Thread.currentThread().isInterrupted() && iteration < iterations) {
                throw new TransferCancelledException(iteration);
            }
        }
    }
}
