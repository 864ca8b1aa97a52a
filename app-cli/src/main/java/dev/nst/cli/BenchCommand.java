package dev.nst.cli;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import dev.nst.core.port.in.StagePlan;
import dev.nst.core.port.in.TransferPlan;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nst bench}: times the real service on synthetic square images and prints one machine-readable line.
 * Peak memory is per process, so measure one size per run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Times style transfer iterations on synthetic images; prints one machine-readable line.",
        footerHeading = "%nOutput (seconds per timed iteration: mean, median, min; peak memory of this process):%n",
        footer = "bench size=.. iterations=.. seconds_per_iteration=.. median=.. min=.. peak_rss_mib=.. backend=\"..\""
                + " width=.. height=.. tiles=.. tile_size=.. planned_peak_mib=.. planned_seconds_per_iteration=..")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "256", paramLabel = "N",
            description = "Width and height of the synthetic images (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--width", paramLabel = "N",
            description = "Width of the synthetic images, if not --size (with --height).")
    Integer width;

    @Option(names = "--height", paramLabel = "N",
            description = "Height of the synthetic images, if not --size (with --width).")
    Integer height;

    @Mixin
    MemoryOptions memory;

    @Option(names = "--iterations", defaultValue = "10", paramLabel = "N",
            description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "N",
            description = "Iterations run before timing starts (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Mixin
    BackendChoice backendChoice;

    @Option(names = "--weights", defaultValue = "random:0", paramLabel = "vgg19|random[:SEED]|FILE",
            converter = DomainConverters.WeightsConverter.class,
            description = "VGG19 weights; the speed does not depend on them (default: ${DEFAULT-VALUE}).")
    WeightsSpec weights;

    @Option(names = "--optimizer", defaultValue = "lbfgs", paramLabel = "lbfgs|adam",
            converter = DomainConverters.OptimizerConverter.class,
            description = "Optimiser (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;

    private final CliEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(CliEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (iterations < 1) {
            throw new InvalidInputException("--iterations must be at least 1, got " + iterations);
        }
        if (warmup < 0) {
            throw new InvalidInputException("--warmup must be >= 0, got " + warmup);
        }
        if ((width == null) != (height == null)) {
            throw new InvalidInputException("give --width and --height together, or --size");
        }
        int w = width == null ? size : width;
        int h = height == null ? size : height;
        TransferSettings settings = memory.applyTo(TransferSettings.builder()
                .size(Math.max(w, h)).iterations(warmup + iterations).optimizer(optimizer).weights(weights)).build();
        TransferStyleCommand command = TransferStyleCommand.of(syntheticImage(w, h, 1),
                List.of(syntheticImage(w, h, 2)), new InitialImage.Noise(), settings);
        try (ServiceWiring.OpenService service = new ServiceWiring(environment, err)
                .open(backendChoice)) {
            IterationTimer timer = new IterationTimer(warmup);
            TransferPlan[] plan = new TransferPlan[1];
            TransferResult result = service.useCase().transfer(command, new ProgressListener() {
                @Override
                public void onProgress(Progress progress) {
                    timer.onProgress(progress);
                }

                @Override
                public void onPlan(TransferPlan chosen) {
                    plan[0] = chosen;
                }
            });
            StagePlan stage = plan[0].last();
            out.println(String.format(Locale.ROOT,
                    "bench size=%d iterations=%d seconds_per_iteration=%.4f median=%.4f min=%.4f peak_rss_mib=%s backend=%s"
                            + " width=%d height=%d tiles=%d tile_size=%d planned_peak_mib=%d"
                            + " planned_seconds_per_iteration=%.4f",
                    Math.max(w, h), iterations, timer.meanSeconds(), timer.medianSeconds(), timer.minSeconds(),
                    PeakMemory.residentMib().map(String::valueOf).orElse("unknown"), quoted(result.backend()),
                    stage.width(), stage.height(), stage.tiles(), stage.tileSize(), plan[0].peakHostBytes() >> 20,
                    stage.secondsPerIteration()));
        }
        return 0;
    }

    /** Seeded random pixels, so every run measures the same work. */
    static RgbImage syntheticImage(int size, long seed) {
        return syntheticImage(size, size, seed);
    }

    /** Seeded random pixels of {@code width x height}. */
    static RgbImage syntheticImage(int width, int height, long seed) {
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("--size must be positive, got " + width + "x" + height);
        }
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return RgbImage.ofPackedRgb(width, height, pixels);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
