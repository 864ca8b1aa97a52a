package dev.nst.cli;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.image.ImageFormat;
import dev.nst.core.image.OutputOptions;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import dev.nst.core.port.in.TransferPlan;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nst transfer}: options named and defaulted as in jcjohnson/neural-style; parse, plan, command, use case,
 * report. The plan comes first, from the pictures' headers: a transfer that cannot fit is refused before any picture
 * is decoded or any weight loaded.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Repaints the content image in the style of the style image(s).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the transfer failed (e.g. not enough memory, cannot write the output)",
            "2:bad usage or bad input (option, number, image, layer, backend name)",
            "3:backend or weights unavailable"})
final class TransferCommand implements Callable<Integer> {

    @Mixin
    TransferOptions options;

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

    @Option(names = "--save-every", defaultValue = "0", paramLabel = "N",
            description = "Also write <output>_<iteration> every N iterations, <output>_s<stage>_<iteration> in a"
                    + " transfer of several stages (default: ${DEFAULT-VALUE} = off).")
    int saveEvery;

    @Option(names = "--print-every", defaultValue = "50", paramLabel = "N",
            description = "Print progress every N iterations when not on a terminal; 0 = no progress "
                    + "(default: ${DEFAULT-VALUE}).")
    int printEvery;

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
        TransferSettings settings = options.settings(environment);
        try (ServiceWiring.OpenService service = new ServiceWiring(environment, err).open(options.backendChoice)) {
            service.planner().plan(options.planQuery(settings)).requireFits();
            TransferStyleCommand command = options.command(settings);
            announceRandomWeights(settings);
            ProgressPrinter printer = new ProgressPrinter(out, environment.terminal(), printEvery);
            Snapshots snapshots = new Snapshots(output, saveEvery, written);
            TransferResult result;
            try (MetricsLog metricsLog = metrics == null ? null : new MetricsLog(metrics)) {
                result = service.useCase().transfer(command, new ProgressListener() {
                    @Override
                    public void onProgress(Progress progress) {
                        if (metricsLog != null) {
                            metricsLog.onProgress(progress);
                        }
                        snapshots.onProgress(progress);
                        printer.onProgress(progress);
                    }

                    @Override
                    public void onPlan(TransferPlan plan) {
                        PlanWording.adjustment(plan).ifPresent(note -> err.println("note: " + note));
                    }
                });
            } finally {
                printer.finish();
            }
            OutputFiles.write(result.image(), output, written.withText(Provenance.of(settings, result, options)));
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
        return new OutputOptions(format, bits, jpegQuality, Map.of());
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
