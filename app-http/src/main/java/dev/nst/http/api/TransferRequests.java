package dev.nst.http.api;

import dev.nst.core.domain.ImageTooSmallException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Setting;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.color.ColorMode;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.Scales;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.in.Tiling;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.http.wording.ApiWording;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a {@code POST /api/transfers} request into a {@link TransferStyleCommand}, with the CLI's defaults and this
 * server's limits: the cheap checks of every value first, then the images. Images are shrunk right away to the size
 * the transfer will use, exactly as the core would, so a waiting job holds no more than it needs.
 */
final class TransferRequests {

    private final RequestLimits limits;
    private final UploadedImages images;
    private final WeightsSpec defaultWeights;

    TransferRequests(RequestLimits limits, UploadedImages images, WeightsSpec defaultWeights) {
        this.limits = limits;
        this.images = images;
        this.defaultWeights = defaultWeights;
    }

    /** With a decode budget of its own, the heap's. */
    TransferRequests(RequestLimits limits, WeightsSpec defaultWeights) {
        this(limits, new UploadedImages(limits, DecodeMemory.ofHeap(Runtime.getRuntime().maxMemory())),
                defaultWeights);
    }

    /** @throws FieldException naming the part that is missing, unknown or wrong */
    TransferStyleCommand parse(List<FormPart> parts) {
        TransferForm form = TransferForm.of(parts, limits.maxStyles());
        TransferSettings settings = settings(form);
        Optional<List<Double>> blend = form.text("styleBlend").map(text -> blend(text, form.styles().size()));

        if (!form.styleMasks().isEmpty() && blend.isPresent()) {
            throw new FieldException(TransferForm.STYLE_MASK, "styleMask: cannot be combined with styleBlend: each"
                    + " mask says where its style goes");
        }

        RgbImage content = image(form.content(), TransferForm.CONTENT, p -> p.resizeLongestSide(settings.size()));
        List<RgbImage> styleImages = new ArrayList<>();
        for (int i = 0; i < form.styles().size(); i++) {
            styleImages.add(image(form.styles().get(i), styleName(form, i),
                    p -> p.resizeLongestSide(settings.styleSize())));
        }
        List<StyleImage> styles = form.styleMasks().isEmpty()
                ? blended(styleImages, blend)
                : checked(() -> StyleImage.masked(styleImages, masks(form, content)));
        Optional<RgbImage> contentMask = form.contentMask()
                .map(part -> mask(part, TransferForm.CONTENT_MASK, content));
        InitialImage init = initialImage(form, content);
        try {
            return checked(() -> new TransferStyleCommand(content, styles, init, settings, contentMask));
        } catch (ImageTooSmallException small) {
            throw tooSmall(form, small);
        }
    }

    private List<StyleImage> blended(List<RgbImage> images, Optional<List<Double>> blend) {
        List<StyleImage> styles = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            int index = i;
            double weight = blend.map(weights -> weights.get(index)).orElse(1.0);
            styles.add(checked(() -> new StyleImage(images.get(index), weight)));
        }
        return styles;
    }

    /** The style masks, each at the content's size already (the size the core brings them to). */
    private List<RgbImage> masks(TransferForm form, RgbImage content) {
        List<FormPart> parts = form.styleMasks();
        List<RgbImage> masks = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String name = parts.size() == 1 ? TransferForm.STYLE_MASK : TransferForm.STYLE_MASK + " " + (i + 1);
            masks.add(mask(parts.get(i), name, content));
        }
        return masks;
    }

    private RgbImage mask(FormPart part, String name, RgbImage content) {
        return image(part, name, p -> p.resize(content.width(), content.height()));
    }

    /** An image too small for the deepest layer, named by its part and file. */
    private static FieldException tooSmall(TransferForm form, ImageTooSmallException small) {
        boolean content = small.setting().orElseThrow() == Setting.CONTENT;
        FormPart part = content ? form.content() : form.styles().get(small.index());
        String label = label(part, content ? TransferForm.CONTENT : styleName(form, small.index()));
        return new FieldException(content ? TransferForm.CONTENT : TransferForm.STYLE,
                ApiWording.imageTooSmall(small, label), small);
    }

    private static String styleName(TransferForm form, int index) {
        return form.styles().size() == 1 ? TransferForm.STYLE : TransferForm.STYLE + " " + (index + 1);
    }

    /** How the weights a command uses are told to the client, e.g. {@code random:7}. */
    static String describeWeights(TransferSettings settings) {
        return settings.weights() instanceof WeightsSpec.Random random
                ? "random:" + random.seedOr(settings.seed()) : publicName(settings.weights());
    }

    /** A weights spec as clients may see it: a server file by its name only, never its path. */
    static String publicName(WeightsSpec spec) {
        return spec instanceof WeightsSpec.File file ? String.valueOf(file.path().getFileName()) : spec.toString();
    }

    private TransferSettings settings(TransferForm form) {
        TransferSettings.Builder builder = TransferSettings.builder();
        Scales scales = form.text("scales").map(v -> parsed("scales", () -> Scales.parse(v)))
                .orElse(new Scales.Single());
        int size = form.text("size").map(v -> integer("size", v)).orElse(scales instanceof Scales.Given given
                ? given.last() : TransferSettings.DEFAULT_SIZE);
        if (size < 1 || size > limits.maxSize()) {
            throw new FieldException("size", "size: must be between 1 and " + limits.maxSize() + " on this server, got "
                    + size);
        }
        builder.size(size).scales(scales);
        List<Integer> iterations = form.text("iterations").map(v -> parsed("iterations",
                () -> Scales.parseIterations(v))).orElse(List.of(Math.min(TransferSettings.DEFAULT_ITERATIONS,
                limits.maxIterations())));
        for (int count : iterations) {
            if (count < 0 || count > limits.maxIterations()) {
                throw new FieldException("iterations", "iterations: each stage's must be between 0 and "
                        + limits.maxIterations() + " on this server, got " + count);
            }
        }
        builder.iterationsPerStage(iterations);
        form.text("tileSize").map(v -> parsed("tileSize", () -> Tiling.parse(v))).ifPresent(builder::tiling);
        form.text("lbfgsHistory").map(v -> integer("lbfgsHistory", v)).ifPresent(builder::lbfgsHistory);
        form.text("optimizer").map(v -> parsed("optimizer", () -> OptimizerKind.parse(v))).ifPresent(builder::optimizer);
        form.text("learningRate").map(v -> number("learningRate", v)).ifPresent(builder::learningRate);
        // Only the weights given are fixed; the others take the network weights' recommendation (as in the CLI).
        LossWeightOverrides given = LossWeightOverrides.NONE;
        for (String name : List.of("contentWeight", "styleWeight", "tvWeight")) {
            OptionalDouble value = form.text(name).map(v -> OptionalDouble.of(number(name, v))).orElse(OptionalDouble.empty());
            if (value.isPresent()) {
                LossWeightOverrides before = given;
                double weight = value.getAsDouble();
                given = checked(() -> switch (name) {
                    case "contentWeight" -> before.withContentWeight(weight);
                    case "styleWeight" -> before.withStyleWeight(weight);
                    default -> before.withTvWeight(weight);
                });
            }
        }
        builder.lossWeights(given);
        form.text("contentLayers").map(v -> parsed("contentLayers", () -> VggLayer.parseList(v)))
                .ifPresent(builder::contentLayers);
        form.text("styleLayers").map(v -> parsed("styleLayers", () -> VggLayer.parseList(v)))
                .ifPresent(builder::styleLayers);
        form.text("seed").map(v -> parsed("seed", v, Long::parseLong, "a whole number")).ifPresent(builder::seed);
        form.text("pooling").map(v -> parsed("pooling", () -> Pooling.parse(v))).ifPresent(builder::pooling);
        form.text("styleScale").map(v -> number("styleScale", v)).ifPresent(builder::styleScale);
        builder.weights(form.text("weights").map(TransferRequests::requestedWeights).orElse(defaultWeights));
        form.text("colors").map(v -> parsed("colors", () -> ColorMode.parse(v))).ifPresent(builder::colors);
        form.text("contentLayerWeights").map(v -> numbers("contentLayerWeights", v))
                .ifPresent(builder::contentLayerWeights);
        form.text("styleLayerWeights").map(v -> numbers("styleLayerWeights", v)).ifPresent(builder::styleLayerWeights);
        form.text("normalizeGradients").map(v -> bool("normalizeGradients", v)).ifPresent(builder::normalizeGradients);
        TransferSettings settings = checked(builder::build);
        if (settings.styleSize() > limits.maxSize()) {
            throw new FieldException("styleScale", "styleScale: style images would be " + settings.styleSize()
                    + " px (size x styleScale); this server takes at most " + limits.maxSize());
        }
        return settings;
    }

    /** Clients choose a published network or random weights; they never name a file on the server. */
    private static WeightsSpec requestedWeights(String value) {
        WeightsSpec spec = parsed("weights", () -> WeightsSpec.parse(value));
        if (spec instanceof WeightsSpec.File) {
            throw new FieldException("weights", "weights: use vgg19, vgg19-torchvision or random[:SEED], got '"
                    + TransferForm.shown(value) + "'");
        }
        return spec;
    }

    private static List<Double> numbers(String name, String text) {
        return Arrays.stream(text.split(",")).map(w -> number(name, w.trim())).toList();
    }

    /** A checkbox's {@code on} as browsers send it, or true/false, 1/0. */
    private static boolean bool(String name, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes" -> true;
            case "false", "off", "0", "no" -> false;
            default -> throw new FieldException(name, name + ": use true or false, got '" + TransferForm.shown(text)
                    + "'");
        };
    }

    private static List<Double> blend(String text, int styles) {
        List<Double> weights = numbers("styleBlend", text);
        if (weights.size() != styles) {
            throw new FieldException("styleBlend", "styleBlend: " + weights.size() + " weight(s) given for " + styles
                    + " style image(s); give one per style");
        }
        return weights;
    }

    private InitialImage initialImage(TransferForm form, RgbImage content) {
        Optional<FormPart> init = form.init();
        if (init.isEmpty()) {
            return new InitialImage.Noise();
        }
        if (init.get().isFile()) {
            RgbImage picture = image(init.get(), TransferForm.INIT, p -> p.resize(content.width(), content.height()));
            return new InitialImage.Picture(picture);
        }
        return switch (init.get().text().trim().toLowerCase(Locale.ROOT)) {
            case "", "noise" -> new InitialImage.Noise();
            case "content" -> new InitialImage.Content();
            default -> throw new FieldException(TransferForm.INIT, "init: use noise or content, or send an image"
                    + " file as the init part; got '" + TransferForm.shown(init.get().text()) + "'");
        };
    }

    /** The part's picture as {@code shrink} makes it, decoded within the server's decode memory. */
    private RgbImage image(FormPart part, String name, java.util.function.UnaryOperator<RgbImage> shrink) {
        return images.decode(part.name(), label(part, name), part.bytes(), shrink);
    }

    private static String label(FormPart part, String name) {
        return UploadedImages.label(name, part.filename().orElse(""));
    }

    private static int integer(String name, String value) {
        return parsed(name, value, Integer::parseInt, "a whole number");
    }

    private static double number(String name, String value) {
        return parsed(name, value, Double::parseDouble, "a number");
    }

    private static <T> T parsed(String name, String value, Function<String, T> parser, String what) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new FieldException(name, name + ": '" + TransferForm.shown(value) + "' is not " + what);
        }
    }

    /**
     * Parses the value of the part {@code name}: a value the core refuses is that part's fault, whatever setting the
     * core names (a layer list does not know which list it is).
     */
    private static <T> T parsed(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            String message = e.setting().map(setting -> ApiWording.message(e)).orElse(e.getMessage());
            throw new FieldException(name, message.startsWith(name) ? message : name + ": " + message, e);
        }
    }

    /**
     * Runs a core check; the setting it names is the field at fault, in the API's words. An image too small for the
     * layers is left to the caller, which knows the files' names.
     */
    private static <T> T checked(Supplier<T> check) {
        try {
            return check.get();
        } catch (ImageTooSmallException e) {
            throw e;
        } catch (InvalidInputException e) {
            if (e.setting().isEmpty()) {
                throw e;
            }
            throw new FieldException(ApiWording.field(e.setting().get()), ApiWording.message(e), e);
        }
    }
}
