package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.out.LoadWeightsPort;
import dev.nst.core.testing.TinyVgg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Tiny pictures, a narrow network up to relu3_1 and settings that keep a transfer to milliseconds. */
final class TransferFixture {

    static final Vgg19Weights WEIGHTS = TinyVgg.weights(5, TinyVgg.WIDTHS, VggLayer.CONV3_1);
    static final LoadWeightsPort TINY_WEIGHTS = (spec, deepest) -> WEIGHTS;
    static final List<VggLayer> CONTENT_LAYERS = List.of(VggLayer.RELU2_1);
    static final List<VggLayer> STYLE_LAYERS = List.of(VggLayer.RELU1_1, VggLayer.RELU2_1, VggLayer.RELU3_1);
    static final int WIDTH = 20;
    static final int HEIGHT = 16;

    private TransferFixture() {
    }

    /** Size 20 (the content's own), layers up to relu3_1, no iterations, seed 1. */
    static TransferSettings.Builder settings() {
        return TransferSettings.builder()
                .size(WIDTH)
                .iterations(0)
                .contentLayers(CONTENT_LAYERS)
                .styleLayers(STYLE_LAYERS)
                .weights(WeightsSpec.parse("random"))
                .seed(1);
    }

    /** A smooth landscape-like picture: sky gradient above, a dark hill below. */
    static RgbImage content() {
        return picture(WIDTH, HEIGHT, (x, y) -> {
            boolean hill = y > 9 + 3 * Math.sin(x / 3.0);
            int r = hill ? 40 + 3 * x : 90 + 5 * y;
            int g = hill ? 110 - 2 * y : 150 + 4 * y;
            int b = hill ? 30 : 240 - 6 * y;
            return r << 16 | g << 8 | b;
        });
    }

    /** Diagonal orange and blue stripes. */
    static RgbImage stripes() {
        return picture(WIDTH, HEIGHT, (x, y) -> (x + y) % 6 < 3 ? 0xf08020 : 0x2040c0);
    }

    /** A coarse red and white checkerboard. */
    static RgbImage checks() {
        return picture(WIDTH, HEIGHT, (x, y) -> (x / 4 + y / 4) % 2 == 0 ? 0xd01010 : 0xf0f0f0);
    }

    static RgbImage picture(int width, int height, PixelFunction f) {
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = f.rgb(x, y);
            }
        }
        return RgbImage.ofPackedRgb(width, height, pixels);
    }

    @FunctionalInterface
    interface PixelFunction {
        int rgb(int x, int y);
    }

    /** What a listener was told, read during each callback. */
    record Report(int iteration, int iterations, boolean last, LossBreakdown loss, Duration elapsed, RgbImage image) {
    }

    /** Keeps every report, including the image of the moment. */
    static final class RecordingListener implements ProgressListener {
        final List<Report> reports = new ArrayList<>();

        @Override
        public void onProgress(Progress progress) {
            reports.add(new Report(progress.iteration(), progress.iterations(), progress.isLast(), progress.loss(),
                    progress.elapsed(), progress.image().get()));
        }

        List<Integer> iterations() {
            return reports.stream().map(Report::iteration).toList();
        }

        LossBreakdown first() {
            return reports.get(0).loss();
        }

        LossBreakdown last() {
            return reports.get(reports.size() - 1).loss();
        }
    }
}
