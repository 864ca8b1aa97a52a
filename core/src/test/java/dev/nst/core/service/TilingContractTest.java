package dev.nst.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.Stage;
import dev.nst.core.port.in.StagePlan;
import dev.nst.core.port.in.StyleImage;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.testing.TinyVgg;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tiles are exact: the loss and the gradient of a stage run on tiles equal those of the whole image up to float
 * rounding, on every backend (a backend module extends this class). The images are cut into tiles the way a large
 * transfer would be: content targets captured tile by tile, style Gram matrices summed over tiles (the style images
 * too, where they are tiled), the gradient added tile by tile.
 */
public abstract class TilingContractTest {

    /** Losses and gradients agree to this, relative to their size. */
    protected static final double TOLERANCE = 1e-5;
    /** Narrow, in multiples of 16 so that every backend runs its fast kernels. */
    private static final Vgg19Weights WEIGHTS = TinyVgg.weights(3, new int[] {16, 16, 16, 16, 16}, VggLayer.CONV5_4);

    private ComputeBackend backend;

    /** A fresh backend; it is closed after each test. */
    protected abstract ComputeBackend createBackend();

    @BeforeEach
    void openBackend() {
        backend = createBackend();
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    @Test
    void a300x200ImageOn64PixelTilesHasTheLossAndGradientOfTheWholeImage() {
        TransferSettings settings = settings(s -> s);

        assertTiledEqualsWhole(command(settings, false), 64, 0);
    }

    @Test
    void tilesInBothDirectionsWithMasksAndAveragePoolingAreExact() {
        TransferSettings settings = settings(s -> s.pooling(Pooling.AVG)
                .contentLayers(List.of(VggLayer.RELU2_2)).styleLayers(List.of(VggLayer.RELU1_1, VggLayer.RELU3_1)));

        assertTiledEqualsWhole(command(settings, true), 48, 0);
    }

    @Test
    void normalisedGradientsAreExactOnTiles() {
        TransferSettings settings = settings(s -> s.normalizeGradients(true)
                .contentLayers(List.of(VggLayer.RELU3_1)).styleLayers(List.of(VggLayer.RELU1_1, VggLayer.RELU2_1)));

        assertTiledEqualsWhole(command(settings, false), 64, 0);
    }

    @Test
    void styleImagesLargerThanTheContentAreCapturedOnTilesExactly() {
        TransferSettings settings = settings(s -> s.styleScale(1.5));

        assertTiledEqualsWhole(command(settings, false), 96, 64);
    }

    private static TransferSettings settings(UnaryOperator<TransferSettings.Builder> changes) {
        return changes.apply(TransferSettings.builder().size(300).iterations(0).weights(WeightsSpec.parse("random"))
                .lossWeights(new LossWeights(5, 100, 1e-3)).seed(3)).build();
    }

    private static TransferStyleCommand command(TransferSettings settings, boolean masked) {
        RgbImage content = noise(300, 200, 1);
        List<StyleImage> styles = masked
                ? List.of(StyleImage.masked(noise(120, 150, 2), leftHalf(300, 200, true)),
                        StyleImage.masked(noise(170, 110, 3), leftHalf(300, 200, false)))
                : List.of(new StyleImage(noise(240, 180, 2)), new StyleImage(noise(200, 260, 3), 2));
        return new TransferStyleCommand(content, styles, new InitialImage.Picture(noise(300, 200, 4)), settings,
                masked ? Optional.of(leftHalf(300, 200, true)) : Optional.empty());
    }

    private void assertTiledEqualsWhole(TransferStyleCommand command, int tiles, int styleTiles) {
        Evaluation whole = evaluate(command, 0, 0);
        Evaluation tiled = evaluate(command, tiles, styleTiles);

        assertThat(tiled.loss.content()).isCloseTo(whole.loss.content(), within(TOLERANCE * whole.loss.content()));
        assertThat(tiled.loss.style()).isCloseTo(whole.loss.style(), within(TOLERANCE * whole.loss.style()));
        assertThat(tiled.loss.tv()).isCloseTo(whole.loss.tv(), within(TOLERANCE * whole.loss.tv()));
        double largest = 0;
        double worst = 0;
        for (int i = 0; i < whole.gradient.length; i++) {
            largest = Math.max(largest, Math.abs(whole.gradient[i]));
            worst = Math.max(worst, Math.abs(whole.gradient[i] - tiled.gradient[i]));
        }
        assertThat(largest).isPositive();
        assertThat(worst / largest).as("largest gradient difference, relative").isLessThan(TOLERANCE);
    }

    private record Evaluation(LossBreakdown loss, float[] gradient) {
    }

    /** The initial image's loss and gradient, with the network on tiles of {@code tiles} (0: whole). */
    private Evaluation evaluate(TransferStyleCommand command, int tiles, int styleTiles) {
        TransferSettings settings = command.settings();
        Set<VggLayer> layers = TransferStyleService.lossLayers(settings);
        LossWeights lossWeights = settings.lossWeights().resolve(WEIGHTS.recommendedLossWeights());
        Stage stage = settings.stages().get(0);
        StagePlan plan = new StagePlan(stage.size(), 300, 200, 0, tiles, 1, 300, 200, styleTiles, 100, 0, 0, 0);
        try (PreparedTransfer transfer = new PreparedTransfer(backend, command, WEIGHTS, layers, lossWeights);
             PreparedTransfer.StageRun run = transfer.prepare(stage, command.initialImage(), plan)) {
            Tensor gradient = run.scope.zeros(new Shape(3, 200, 300));
            LossBreakdown loss = run.objective.evaluate(run.image, gradient);
            return new Evaluation(loss, gradient.toArray());
        }
    }

    private static RgbImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return RgbImage.ofPackedRgb(width, height, pixels).resize(width, height);
    }

    /** White on the left half (or the right), with a soft edge. */
    private static RgbImage leftHalf(int width, int height, boolean left) {
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double t = Math.min(1, Math.max(0, (x - width / 2.0 + 20) / 40.0));
                int v = (int) Math.round(255 * (left ? 1 - t : t));
                pixels[y * width + x] = v << 16 | v << 8 | v;
            }
        }
        return RgbImage.ofPackedRgb(width, height, pixels);
    }
}
