package dev.nst.core.service;

import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Widths;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.color.ColorMode;
import dev.nst.core.domain.tiling.ReceptiveField;
import dev.nst.core.domain.tiling.TileGrid;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.PictureSize;
import dev.nst.core.port.in.PlanTransferQuery;
import dev.nst.core.port.in.Stage;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.out.BackendCapacity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The memory and time a transfer takes, tensor by tensor, as {@link PreparedTransfer} allocates them: the whole image
 * and its gradient, the optimiser's vectors, the targets, the tiles' buffers and the network at the tile's size (the
 * backend says what that holds), plus the JVM's heap (the pictures as read and resized, the weights as loaded) and the
 * process's own baseline. A stage has three moments: capturing the content targets, capturing the style targets at a
 * new style size, and optimising; its peak is the largest, on top of what the transfer keeps throughout (the network's
 * weights, the style targets).
 */
final class MemoryModel {

    /**
     * Resident memory of the JVM running nst before any transfer: its own code and data, the classes, the picture
     * and weight readers (measured with {@code /proc/self/status} VmRSS on OpenJDK 17, see the README's memory table).
     */
    static final long JVM_BASELINE_BYTES = 150L << 20;
    /**
     * How much resident memory the heap takes per byte of live pictures and weights: the garbage collector lets the
     * heap grow past what is live before it collects (fitted to the README's memory table).
     */
    static final double HEAP_SLACK = 1.5;
    /** Image-sized float arrays a stage holds on the heap at its peak (resized photo, upload, result, encoding). */
    static final int STAGE_IMAGES_ON_HEAP = 5;

    private final BackendCapacity capacity;
    private final Vgg19Widths widths;
    private final PlanTransferQuery query;
    private final TransferSettings settings;
    private final List<VggLayer> contentLayers;
    private final List<VggLayer> styleLayers;
    private final Set<VggLayer> outputs;
    private final ReceptiveField field;
    private final Map<List<Object>, Long> networkBytes;

    /** Estimated peak bytes of each memory for one stage, on the tiles of {@code grid}. */
    record Estimate(long hostBytes, long deviceBytes, long heapBytes, TileGrid grid, long largestTensorElements,
                    int history) {
    }

    /**
     * @param networkBytes what the backend's network holds per input shape, kept between models (a plan makes many);
     *                     thread-safe
     */
    MemoryModel(BackendCapacity capacity, Vgg19Widths widths, PlanTransferQuery query,
                Map<List<Object>, Long> networkBytes) {
        this.capacity = capacity;
        this.networkBytes = networkBytes;
        this.widths = widths;
        this.query = query;
        this.settings = query.settings();
        this.contentLayers = new ArrayList<>();
        this.styleLayers = new ArrayList<>();
        if (settings.lossWeights().contentLossWanted()) {
            for (int i = 0; i < settings.contentLayers().size(); i++) {
                if (settings.contentLayerWeight(i) > 0) {
                    contentLayers.add(settings.contentLayers().get(i));
                }
            }
        }
        if (settings.lossWeights().styleLossWanted()) {
            for (int i = 0; i < settings.styleLayers().size(); i++) {
                if (settings.styleLayerWeight(i) > 0) {
                    styleLayers.add(settings.styleLayers().get(i));
                }
            }
        }
        this.outputs = EnumSet.noneOf(VggLayer.class);
        outputs.addAll(contentLayers);
        outputs.addAll(styleLayers);
        this.field = outputs.isEmpty() ? ReceptiveField.PIXEL : ReceptiveField.ofDeepest(outputs);
    }

    /** The receptive field tiles must cover. */
    ReceptiveField field() {
        return field;
    }

    /** Whether the network runs at all (some loss reads a layer). */
    boolean usesNetwork() {
        return !outputs.isEmpty();
    }

    /** The content picture's size in stage {@code stage}. */
    PictureSize contentAt(Stage stage) {
        return query.content().atLongestSide(stage.size());
    }

    /** The grid of a picture of {@code size} with tiles of {@code interior} (0: whole). */
    TileGrid grid(PictureSize size, int interior) {
        return interior == 0 ? TileGrid.whole(size.width(), size.height())
                : TileGrid.of(size.width(), size.height(), interior, field);
    }

    /**
     * The estimate of stage {@code index} (from 0) run with tiles of {@code interior} (0: whole), style images on tiles
     * of {@code styleInterior}, and an L-BFGS history of {@code history} pairs.
     */
    Estimate stage(int index, int interior, int styleInterior, int history) {
        Stage stage = settings.stages().get(index);
        PictureSize size = contentAt(stage);
        TileGrid grid = grid(size, interior);
        long session = sessionTensors(index);
        long capture = contentTargets(size) + contentCapture(size, grid);
        long styles = newStyleSize(index) ? contentTargets(size) + styleCapture(stage, styleInterior) : 0;
        long optimise = optimisation(stage, size, grid, history);
        long tensors = session + Math.max(capture, Math.max(styles, optimise));
        long heap = heap(stage, size);
        long process = JVM_BASELINE_BYTES + (long) (heap * HEAP_SLACK) + capacity.hostOverheadBytes();
        long host = capacity.tensorsOnDevice() ? process : process + tensors;
        long device = capacity.tensorsOnDevice() ? tensors : 0;
        long largest = Math.max(largestTensor(grid.tileWidth(), grid.tileHeight()),
                3L * size.width() * size.height());
        return new Estimate(host, device, heap, grid, largest, history);
    }

    TransferSettings settings() {
        return settings;
    }

    /** The most values any activation of the network holds for an input of {@code width x height}. */
    private long largestTensor(int width, int height) {
        if (!usesNetwork()) {
            return 0;
        }
        long largest = 0;
        for (VggLayer layer : VggLayer.upTo(VggLayer.deepest(outputs))) {
            largest = Math.max(largest, layerShape(layer, width, height).size());
        }
        return largest;
    }

    /** What the transfer keeps throughout, up to stage {@code index}: weights and style targets. */
    private long sessionTensors(int index) {
        if (!usesNetwork()) {
            return 0;
        }
        long bytes = capacity.weightsBytes(widths, VggLayer.deepest(outputs));
        long sizes = settings.stages().subList(0, index + 1).stream()
                .mapToInt(s -> s.styleSize(settings.styleScale())).distinct().count();
        int terms = query.styleMasks() ? query.styles().size() : 1;
        for (VggLayer layer : styleLayers) {
            int c = widths.channelsAt(layer);
            bytes += sizes * terms * (long) c * c * Float.BYTES;
        }
        return bytes;
    }

    private boolean newStyleSize(int index) {
        int size = settings.stages().get(index).styleSize(settings.styleScale());
        return !styleLayers.isEmpty() && settings.stages().subList(0, index).stream()
                .noneMatch(s -> s.styleSize(settings.styleScale()) == size);
    }

    /** The content's features at every content layer, over the whole image (and the mask, broadcast alike). */
    private long contentTargets(PictureSize size) {
        long bytes = 0;
        for (VggLayer layer : contentLayers) {
            bytes += bytes(layerShape(layer, size.width(), size.height())) * (query.contentMask() ? 2 : 1);
        }
        return bytes;
    }

    /** Capturing the content targets: the content uploaded, a tile's input, the network forward at the tile's size. */
    private long contentCapture(PictureSize size, TileGrid grid) {
        if (contentLayers.isEmpty()) {
            return 0;
        }
        long bytes = bytes(new Shape(3, size.height(), size.width()));
        if (!grid.isWhole()) {
            bytes += bytes(tileShape(grid));
        }
        return bytes + network(tileShape(grid), false);
    }

    /** Capturing the style targets at a new style size, one style at a time (the largest counts). */
    private long styleCapture(Stage stage, int styleInterior) {
        long largest = 0;
        for (PictureSize style : query.styles()) {
            PictureSize resized = style.atLongestSide(stage.styleSize(settings.styleScale()));
            TileGrid grid = grid(resized, styleInterior);
            long bytes = bytes(new Shape(3, resized.height(), resized.width()))
                    + network(tileShape(grid), false);
            if (!grid.isWhole()) {
                bytes += bytes(tileShape(grid)) + capacity.weightedGramScratchBytes(
                        layerShape(shallowest(styleLayers), grid.tileWidth(), grid.tileHeight()));
            }
            largest = Math.max(largest, bytes);
        }
        return largest;
    }

    /** Optimising: image, gradient, the optimiser's state, targets, tiles' buffers, the network with its backward. */
    private long optimisation(Stage stage, PictureSize size, TileGrid grid, int history) {
        long image = bytes(new Shape(3, size.height(), size.width()));
        long bytes = 2 * image + optimizerVectors(stage, history) * image + contentTargets(size);
        if (!usesNetwork()) {
            return bytes;
        }
        int terms = query.styleMasks() ? query.styles().size() : 1;
        for (VggLayer layer : styleLayers) {
            int c = widths.channelsAt(layer);
            bytes += terms * 2L * c * c * Float.BYTES;
            if (!grid.isWhole()) {
                bytes += (long) terms * grid.count() * bytes(layerShape(layer, grid.tileWidth(),
                        grid.tileHeight()).positions());
            } else if (query.styleMasks()) {
                bytes += terms * bytes(layerShape(layer, size.width(), size.height()).positions());
            }
        }
        for (VggLayer layer : outputs) {
            bytes += bytes(layerShape(layer, grid.tileWidth(), grid.tileHeight()))
                    * (settings.normalizeGradients() ? 2 : 1);
        }
        if (!grid.isWhole()) {
            bytes += 2 * bytes(tileShape(grid));
            for (VggLayer layer : contentLayers) {
                bytes += bytes(layerShape(layer, grid.tileWidth(), grid.tileHeight())) * (query.contentMask() ? 2 : 1);
            }
        }
        if (!styleLayers.isEmpty() && (!grid.isWhole() || query.styleMasks())) {
            bytes += capacity.weightedGramScratchBytes(layerShape(shallowest(styleLayers), grid.tileWidth(),
                    grid.tileHeight()));
        }
        return bytes + network(tileShape(grid), true);
    }

    /** Image-sized vectors the optimiser keeps besides the image and its gradient. */
    private long optimizerVectors(Stage stage, int history) {
        if (settings.optimizer() == OptimizerKind.ADAM) {
            return 2;
        }
        if (stage.iterations() == 0) {
            return 0;
        }
        long pairs = stage.iterations() < 2 ? 0 : Math.min(stage.iterations() - 1L, history + 1L);
        return 2 + 2 * pairs;
    }

    /**
     * The heap at the stage's peak: the weights as read, every picture as read, and a few image-sized arrays of the
     * stage (the resized photo, what is uploaded, the result and its encoding).
     */
    private long heap(Stage stage, PictureSize size) {
        long bytes = usesNetwork() ? widths.parametersUpTo(VggLayer.deepest(outputs)) * Float.BYTES : 0;
        bytes += pictureBytes(query.content());
        for (PictureSize style : query.styles()) {
            bytes += pictureBytes(style) + pictureBytes(style.atLongestSide(stage.styleSize(settings.styleScale())));
        }
        if (query.contentMask()) {
            bytes += pictureBytes(query.content());
        }
        if (query.styleMasks()) {
            bytes += query.styles().size() * pictureBytes(query.content());
        }
        int images = STAGE_IMAGES_ON_HEAP + (settings.colors() == ColorMode.STYLE ? 0 : 1);
        return bytes + images * pictureBytes(size);
    }

    private static long pictureBytes(PictureSize size) {
        return 3L * size.pixels() * Float.BYTES;
    }

    /**
     * Seconds per iteration of stage {@code index} as {@code estimate} runs it: the network's multiply-adds over every
     * pixel it reads (tiles read their halos, and all but one are run forward twice an iteration), at the backend's
     * measured speed, plus the optimiser's passes over its vectors at the backend's memory speed. Asks the backend to
     * measure itself the first time.
     */
    double secondsPerIteration(int index, Estimate estimate) {
        Stage stage = settings.stages().get(index);
        return secondsPerIteration(stage, contentAt(stage), estimate.grid(), estimate.history());
    }

    private double secondsPerIteration(Stage stage, PictureSize size, TileGrid grid, int history) {
        double seconds = 0;
        if (usesNetwork()) {
            int tiles = grid.count();
            int forwards = styleLayers.isEmpty() ? tiles : 2 * tiles - 1;
            if (settings.normalizeGradients() && tiles > 1) {
                forwards += tiles - 1;
            }
            double pixels = (double) grid.tileWidth() * grid.tileHeight();
            double flops = 2 * widths.multiplyAddsPerPixelUpTo(VggLayer.deepest(outputs)) * pixels * (forwards + tiles);
            for (VggLayer layer : styleLayers) {
                int c = widths.channelsAt(layer);
                flops += 3 * 2.0 * c * c * pixels * tiles / (1L << (2 * layer.poolingsBefore()));
            }
            seconds += flops / capacity.flopsPerSecond();
        }
        double image = 3.0 * size.pixels() * Float.BYTES;
        int pairs = settings.optimizer() == OptimizerKind.LBFGS ? Math.min(history, Math.max(0, stage.iterations() - 1))
                : 0;
        double passes = settings.optimizer() == OptimizerKind.LBFGS ? 12 + 10.0 * pairs : 8;
        return seconds + passes * image / capacity.bytesPerSecond();
    }

    /** What the backend's network holds for an input of {@code input}, asked once per shape. */
    private long network(Shape input, boolean backward) {
        return networkBytes.computeIfAbsent(List.of(widths, outputs, input, backward),
                key -> capacity.networkBytes(widths, outputs, input, backward));
    }

    private long bytes(Shape shape) {
        return capacity.tensorBytes(shape);
    }

    private Shape layerShape(VggLayer layer, int width, int height) {
        int p = layer.poolingsBefore();
        return new Shape(widths.channelsAt(layer), Math.max(1, height >> p), Math.max(1, width >> p));
    }

    private static Shape tileShape(TileGrid grid) {
        return new Shape(3, grid.tileHeight(), grid.tileWidth());
    }

    private static VggLayer shallowest(List<VggLayer> layers) {
        return layers.stream().min(Enum::compareTo).orElseThrow();
    }
}
