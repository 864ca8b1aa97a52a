package dev.nst.cli;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.color.ColorMode;
import dev.nst.core.image.ImageFiles;
import dev.nst.core.image.ImageFormat;
import dev.nst.core.image.OutputOptions;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst transfer}: options named and defaulted as in jcjohnson/neural-style; parse, command, use case, report. */
@Command(name = "transfer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Repaints the content image in the style of the style image(s).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the transfer failed (e.g. out of memory, cannot write the output)",
            "2:bad usage or bad input (option, number, image, layer, backend name)",
            "3:backend or weights unavailable"})
final class TransferCommand implements Callable<Integer> {

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

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Result image, written when done: .png, .jpg or .jpeg, .tif or .tiff; it records how it was"
                    + " made (see nst info).")
    Path output;

    @Option(names = "--bit-depth", paramLabel = "8|16",
            description = "Bits a sample of the result: 8 or 16 (default: 8 for PNG and JPEG, 16 for TIFF; JPEG holds"
                    + " 8 only).")
    Integer bitDepth;

    @Option(names = "--jpeg-quality", defaultValue = "95", paramLabel = "N",
            description = "Quality of a JPEG result, 1..100 (default: ${DEFAULT-VALUE}).")
    int jpegQuality;

    @Option(names = "--size", defaultValue = "512", paramLabel = "N",
            description = "Longer side of the output in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--iterations", defaultValue = "1000", paramLabel = "N",
            description = "Optimisation steps (default: ${DEFAULT-VALUE}).")
    int iterations;

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

    @Option(names = "--save-every", defaultValue = "0", paramLabel = "N",
            description = "Also write <output>_<iteration> every N iterations (default: ${DEFAULT-VALUE} = off).")
    int saveEvery;

    @Option(names = "--print-every", defaultValue = "50", paramLabel = "N",
            description = "Print progress every N iterations when not on a terminal; 0 = no progress "
                    + "(default: ${DEFAULT-VALUE}).")
    int printEvery;

    @Option(names = "--weights", paramLabel = "vgg19|vgg19-torchvision|random[:SEED]|FILE",
            converter = DomainConverters.WeightsConverter.class,
            description = "VGG19 weights: vgg19 (the published Keras/Caffe weights, from nst's, Keras' or torch hub's"
                    + " cache, else downloaded), vgg19-torchvision (PyTorch's), seeded random weights (for tests, not"
                    + " real style transfer) or a file: Keras HDF5, PyTorch .pth, Caffe .caffemodel or nst"
                    + " safetensors (default: $NST_WEIGHTS if set, else vgg19).")
    WeightsSpec weights;

    @Mixin
    BackendChoice backendChoice;

    @Option(names = "--metrics", paramLabel = "FILE",
            description = "Write the losses of every iteration as JSON Lines (default: none).")
    Path metrics;

    private final CliEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    TransferCommand(CliEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        OutputOptions written = checkOutputs();
        TransferStyleCommand command = command();
        ProgressPrinter printer = new ProgressPrinter(out, environment.terminal(), printEvery);
        Snapshots snapshots = new Snapshots(output, saveEvery, written);
        try (ServiceWiring.OpenService service = new ServiceWiring(environment, err).open(backendChoice);
             MetricsLog metricsLog = metrics == null ? null : new MetricsLog(metrics)) {
            announceRandomWeights(command.settings());
            TransferResult result;
            try {
                result = service.useCase().transfer(command, progress -> {
                    if (metricsLog != null) {
                        metricsLog.onProgress(progress);
                    }
                    snapshots.onProgress(progress);
                    printer.onProgress(progress);
                });
            } finally {
                printer.finish();
            }
            OutputFiles.write(result.image(), output, written.withText(Provenance.of(command.settings(), result, content,
                    styles, init, styleBlend, new Provenance.Masks(styleMasks, contentMask))));
            out.printf(Locale.ROOT, "wrote %s (%dx%d) in %s on %s%n", output, result.image().width(),
                    result.image().height(), Durations.format(result.elapsed()), result.backend());
        }
        return 0;
    }

    /** The format comes from the extension; the folders must be creatable. Nothing is created yet. */
    private OutputOptions checkOutputs() {
        ImageFormat format = ImageFormat.of(output);
        int bits = bitDepth == null ? format.defaultBitDepth() : bitDepth;
        if (bits != 8 && bits != 16) {
            throw new InvalidInputException("--bit-depth must be 8 or 16, got " + bits);
        }
        if (!format.holds(bits)) {
            throw new InvalidInputException("--bit-depth " + bits + ": " + output + " is a JPEG, which holds 8 bits a"
                    + " sample; write a .png or .tif for 16");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new InvalidInputException("--jpeg-quality must be between 1 and 100, got " + jpegQuality);
        }
        OutputFiles.requireWritable(output, "--output");
        if (metrics != null) {
            OutputFiles.requireWritable(metrics, "--metrics");
        }
        requireNonNegative("--save-every", saveEvery);
        requireNonNegative("--print-every", printEvery);
        return new OutputOptions(format, bits, jpegQuality, java.util.Map.of());
    }

    /** Settings first (cheap checks), then every input image is read. */
    private TransferStyleCommand command() {
        TransferSettings.Builder settings = TransferSettings.builder()
                .size(size)
                .iterations(iterations)
                .optimizer(optimizer)
                .lossWeights(lossWeights())
                .contentLayers(contentLayers.list())
                .styleLayers(styleLayers.list())
                .seed(seed)
                .pooling(pooling)
                .styleScale(styleScale)
                .weights(weightsSpec())
                .colors(colors)
                .contentLayerWeights(contentLayerWeights == null ? List.of() : contentLayerWeights)
                .styleLayerWeights(styleLayerWeights == null ? List.of() : styleLayerWeights)
                .normalizeGradients(normalizeGradients);
        if (learningRate != null) {
            settings.learningRate(learningRate);
        }
        TransferSettings built = settings.build();
        if (styleMasks != null && styleBlend != null) {
            throw new InvalidInputException("--style-blend cannot be combined with --style-mask: each mask says where"
                    + " its style goes");
        }
        return new TransferStyleCommand(ImageFiles.read(content), styleImages(), initialImage(), built,
                Optional.ofNullable(contentMask).map(ImageFiles::read));
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

    private List<StyleImage> styleImages() {
        if (styleBlend != null && styleBlend.size() != styles.size()) {
            throw new InvalidInputException("--style-blend has " + styleBlend.size() + " weight(s) but "
                    + styles.size() + " --style image(s) were given");
        }
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

    private WeightsSpec weightsSpec() {
        if (weights != null) {
            return weights;
        }
        return environment.variable(CliEnvironment.WEIGHTS_VARIABLE).map(WeightsSpec::parse)
                .orElseGet(() -> WeightsSpec.parse(WeightsSpec.DEFAULT));
    }

    private void announceRandomWeights(TransferSettings settings) {
        if (settings.weights() instanceof WeightsSpec.Random random) {
            err.println("note: using random VGG19 weights (random:" + random.seedOr(settings.seed())
                    + "); results will not look like real style transfer");
        }
    }

    private static void requireNonNegative(String option, int value) {
        if (value < 0) {
            throw new InvalidInputException(option + " must be >= 0, got " + value);
        }
    }
}
