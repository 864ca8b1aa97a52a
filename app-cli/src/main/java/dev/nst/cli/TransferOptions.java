package dev.nst.cli;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.color.ColorMode;
import dev.nst.core.image.ImageFiles;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.PictureSize;
import dev.nst.core.port.in.PlanTransferQuery;
import dev.nst.core.port.in.Scales;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that define a transfer, shared by {@code nst transfer} and {@code nst plan} (so that a transfer's
 * command line plans as it is): the pictures, the sizes and stages, the losses, the optimiser, the tiles and memory,
 * the weights and the backend. Named and defaulted as in jcjohnson/neural-style where it has them.
 */
final class TransferOptions {

    @Option(names = "--content", required = true, paramLabel = "FILE",
            description = "Content image: the picture to repaint (PNG, JPEG, WebP, TIFF, BMP, GIF; turned upright as its"
                    + " EXIF orientation says, its colour profile converted to sRGB; its transparency is kept).")
    Path content;

    @Option(names = "--style", required = true, paramLabel = "FILE",
            description = "Style image; repeat the option to blend several styles.")
    List<Path> styles;

    @Option(names = "--style-blend", split = ",", paramLabel = "W",
            description = "Blend weights w1,w2,.. one per --style, normalised to sum to 1 (default: equal). Not with"
                    + " --style-mask.")
    List<Double> styleBlend;

    @Option(names = "--style-mask", paramLabel = "FILE",
            description = "Where a style goes: a greyscale image of any size, resized to the content's (white: this"
                    + " style here, black: not here). Repeat it, one per --style in the same order.")
    List<Path> styleMasks;

    @Option(names = "--content-mask", paramLabel = "FILE",
            description = "Where the content is kept: a greyscale image, resized to the content's (white: the content"
                    + " loss applies, black: it does not).")
    Path contentMask;

    @Option(names = "--colors", defaultValue = "style", paramLabel = "style|original|luminance|histogram",
            converter = DomainConverters.ColorModeConverter.class,
            description = "Whose colours the result has: the style's; original (the result's luminance with the"
                    + " content's colours, as neural-style's -original_colors 1); luminance (luminance-only transfer);"
                    + " histogram (each style recoloured to the content's colour mean and covariance first)"
                    + " (default: ${DEFAULT-VALUE}).")
    ColorMode colors;

    @Option(names = "--size", paramLabel = "N",
            description = "Longer side of the output in pixels (default: the last of --scales, else "
                    + TransferSettings.DEFAULT_SIZE + ").")
    Integer size;

    @Option(names = "--scales", paramLabel = "auto|S1,S2,..",
            converter = DomainConverters.ScalesConverter.class,
            description = "Coarse to fine: the longer side of each stage, ascending, the last one the output's; each"
                    + " stage starts from the one before, upsampled. auto doubles from 256-511 px up to --size (default:"
                    + " one stage at --size).")
    Scales scales;

    @Option(names = "--iterations", defaultValue = "1000", paramLabel = "N|N1,N2,..",
            converter = DomainConverters.IterationsConverter.class,
            description = "Optimisation steps: one number for every stage (under --scales auto, for the first stage,"
                    + " halving from stage to stage, at least 50), or one per stage (default: ${DEFAULT-VALUE}).")
    List<Integer> iterations;

    @Option(names = "--optimizer", defaultValue = "lbfgs", paramLabel = "lbfgs|adam",
            converter = DomainConverters.OptimizerConverter.class,
            description = "Optimiser (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;

    @Option(names = "--learning-rate", paramLabel = "X",
            description = "Step size (default: the optimiser's: 1 for lbfgs, 10 for adam).")
    Double learningRate;

    @Option(names = "--content-weight", paramLabel = "X",
            description = "Weight of the content loss (default: 5 with Caffe/Keras weights; scaled to their input"
                    + " for torchvision weights, see nst weights info).")
    Double contentWeight;

    @Option(names = "--style-weight", paramLabel = "X",
            description = "Weight of the style loss (default: 100 with Caffe/Keras weights; scaled likewise).")
    Double styleWeight;

    @Option(names = "--tv-weight", paramLabel = "X",
            description = "Weight of the total-variation (smoothness) loss (default: 1e-3 with Caffe/Keras weights;"
                    + " scaled likewise).")
    Double tvWeight;

    @Option(names = "--content-layers", defaultValue = "relu4_2", paramLabel = "LAYERS",
            converter = DomainConverters.LayersConverter.class,
            description = "Comma-separated VGG19 layers for the content loss (default: ${DEFAULT-VALUE}).")
    DomainConverters.Layers contentLayers;

    @Option(names = "--style-layers", defaultValue = "relu1_1,relu2_1,relu3_1,relu4_1,relu5_1", paramLabel = "LAYERS",
            converter = DomainConverters.LayersConverter.class,
            description = "Comma-separated VGG19 layers for the style loss (default: ${DEFAULT-VALUE}).")
    DomainConverters.Layers styleLayers;

    @Option(names = "--content-layer-weights", split = ",", paramLabel = "W",
            description = "Weights w1,w2,.. one per content layer, each multiplying --content-weight there (default:"
                    + " all 1).")
    List<Double> contentLayerWeights;

    @Option(names = "--style-layer-weights", split = ",", paramLabel = "W",
            description = "Weights w1,w2,.. one per style layer, each multiplying --style-weight there (default:"
                    + " all 1).")
    List<Double> styleLayerWeights;

    @Option(names = "--normalize-gradients",
            description = "Divide each content and style term's gradient by its L1 norm before backpropagating it,"
                    + " as neural-style's -normalize_gradients (default: off).")
    boolean normalizeGradients;

    @Option(names = "--init", defaultValue = "noise", paramLabel = "noise|content|FILE",
            description = "Starting image: noise, the content image, or an image file (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "Seed of the initial noise and of random weights (default: ${DEFAULT-VALUE}). Runs are "
                    + "reproducible by default: the same inputs and options give the same image.")
    long seed;

    @Option(names = "--pooling", defaultValue = "max", paramLabel = "max|avg",
            converter = DomainConverters.PoolingConverter.class,
            description = "Pooling layers of the network (default: ${DEFAULT-VALUE}).")
    Pooling pooling;

    @Option(names = "--style-scale", defaultValue = "1.0", paramLabel = "X",
            description = "Style images are resized to size * X on their longer side (default: ${DEFAULT-VALUE}).")
    double styleScale;

    @Option(names = "--weights", paramLabel = "vgg19|vgg19-torchvision|random[:SEED]|FILE",
            converter = DomainConverters.WeightsConverter.class,
            description = "VGG19 weights: vgg19 (the published Keras/Caffe weights, from nst's, Keras' or torch hub's"
                    + " cache, else downloaded), vgg19-torchvision (PyTorch's), seeded random weights (for tests, not"
                    + " real style transfer) or a file: Keras HDF5, PyTorch .pth, Caffe .caffemodel or nst"
                    + " safetensors (default: $NST_WEIGHTS if set, else vgg19).")
    WeightsSpec weights;

    @Mixin
    MemoryOptions memory;

    @Mixin
    BackendChoice backendChoice;

    /** The settings (cheap checks only: no picture is read). */
    TransferSettings settings(CliEnvironment environment) {
        if (styleMasks != null && styleBlend != null) {
            throw new InvalidInputException("--style-blend cannot be combined with --style-mask: each mask says where"
                    + " its style goes");
        }
        Scales stages = scales == null ? new Scales.Single() : scales;
        int output = size != null ? size
                : stages instanceof Scales.Given given ? given.last() : TransferSettings.DEFAULT_SIZE;
        TransferSettings.Builder settings = TransferSettings.builder()
                .size(output)
                .scales(stages)
                .iterationsPerStage(iterations)
                .optimizer(optimizer)
                .lossWeights(lossWeights())
                .contentLayers(contentLayers.list())
                .styleLayers(styleLayers.list())
                .seed(seed)
                .pooling(pooling)
                .styleScale(styleScale)
                .weights(weightsSpec(environment))
                .colors(colors)
                .contentLayerWeights(contentLayerWeights == null ? List.of() : contentLayerWeights)
                .styleLayerWeights(styleLayerWeights == null ? List.of() : styleLayerWeights)
                .normalizeGradients(normalizeGradients);
        if (learningRate != null) {
            settings.learningRate(learningRate);
        }
        return memory.applyTo(settings).build();
    }

    /** What a plan needs: the settings and the pictures' sizes, read from their headers (no pixel decoded). */
    PlanTransferQuery planQuery(TransferSettings settings) {
        requireBlendPerStyle();
        return new PlanTransferQuery(settings, size(content), styles.stream().map(TransferOptions::size).toList(),
                contentMask != null, styleMasks != null, !init.trim().equalsIgnoreCase("noise")
                        && !init.trim().equalsIgnoreCase("content"));
    }

    /** The transfer, with every picture read. */
    TransferStyleCommand command(TransferSettings settings) {
        return new TransferStyleCommand(ImageFiles.read(content), styleImages(), initialImage(), settings,
                Optional.ofNullable(contentMask).map(ImageFiles::read));
    }

    private static PictureSize size(Path file) {
        ImageFiles.Dimensions dimensions = ImageFiles.dimensions(file);
        return new PictureSize(dimensions.width(), dimensions.height());
    }

    /** Only the weights given: the others come from the network's weights, whose input scale they depend on. */
    private LossWeightOverrides lossWeights() {
        LossWeightOverrides given = LossWeightOverrides.NONE;
        if (contentWeight != null) {
            given = given.withContentWeight(contentWeight);
        }
        if (styleWeight != null) {
            given = given.withStyleWeight(styleWeight);
        }
        if (tvWeight != null) {
            given = given.withTvWeight(tvWeight);
        }
        return given;
    }

    private void requireBlendPerStyle() {
        if (styleBlend != null && styleBlend.size() != styles.size()) {
            throw new InvalidInputException("--style-blend has " + styleBlend.size() + " weight(s) but "
                    + styles.size() + " --style image(s) were given");
        }
    }

    private List<StyleImage> styleImages() {
        requireBlendPerStyle();
        if (styleMasks != null) {
            return StyleImage.masked(styles.stream().map(ImageFiles::read).toList(),
                    styleMasks.stream().map(ImageFiles::read).toList());
        }
        List<StyleImage> images = new ArrayList<>();
        for (int i = 0; i < styles.size(); i++) {
            images.add(new StyleImage(ImageFiles.read(styles.get(i)), styleBlend == null ? 1.0 : styleBlend.get(i)));
        }
        return images;
    }

    private InitialImage initialImage() {
        return switch (init.trim().toLowerCase(Locale.ROOT)) {
            case "noise" -> new InitialImage.Noise();
            case "content" -> new InitialImage.Content();
            default -> new InitialImage.Picture(ImageFiles.read(Path.of(init)));
        };
    }

    private WeightsSpec weightsSpec(CliEnvironment environment) {
        if (weights != null) {
            return weights;
        }
        return environment.variable(CliEnvironment.WEIGHTS_VARIABLE).map(WeightsSpec::parse)
                .orElseGet(() -> WeightsSpec.parse(WeightsSpec.DEFAULT));
    }
}
