package dev.nst.bench.torch2;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.weights.WeightsRepository;
import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The libtorch 2.x baseline of {@code nst bench}: nst's objective and optimiser on libtorch (through DJL) on the CPU,
 * on the same synthetic images and seeded random weights, timed the same way; prints the losses of iteration 0 and one
 * line in the format of {@code nst bench}. {@code --check} also runs nst itself and compares the losses.
 */
@Command(name = "nst-torch2", sortOptions = false,
        description = "Times nst's objective on libtorch 2.x (DJL) on the CPU; prints one line like `nst bench`.",
        footerHeading = "%nOutput:%n",
        footer = {"losses iteration=0 content=.. style=.. tv=.. total=..",
                "bench size=.. iterations=.. seconds_per_iteration=.. median=.. min=.. peak_rss_mib=.. backend=\"..\"",
                "With --check: the same losses from nst, and their relative differences (exit 1 if one exceeds "
                        + "1e-4 at iteration 0)."})
public final class Torch2Bench implements Callable<Integer> {

    /** Exit codes: a loss term differs from nst's, the input is unusable, anything else went wrong. */
    static final int CHECK_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--size", defaultValue = "256", paramLabel = "N",
            description = "Width and height of the synthetic images (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--iterations", defaultValue = "10", paramLabel = "N",
            description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "N",
            description = "Iterations run before timing starts (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "libtorch intra-op threads, and nst's with --check (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--optimizer", defaultValue = "lbfgs", paramLabel = "lbfgs|adam", converter = OptimizerOption.class,
            description = "Optimiser (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;

    @Option(names = "--weights", defaultValue = "random:0", paramLabel = "random[:SEED]", converter = WeightsOption.class,
            description = "nst's seeded random VGG19, generated in this process; the speed does not depend on the "
                    + "values (default: ${DEFAULT-VALUE}).")
    WeightsSpec.Random weights;

    @Option(names = "--check", description = "Also run nst's own service in this process and compare the losses.")
    boolean check;

    @Option(names = "--check-iteration", defaultValue = "0", paramLabel = "K",
            description = "With --check, also compare the losses after K steps (reported, not enforced: rounding "
                    + "differences grow along the optimisation; default: ${DEFAULT-VALUE}).")
    int checkIteration;

    private final PrintStream out;

    Torch2Bench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line {@code args}; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new Torch2Bench(out))
                .setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(err, true))
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    if (e instanceof InvalidInputException) {
                        err.println("nst-torch2: " + e.getMessage());
                        return BAD_INPUT;
                    }
                    e.printStackTrace(err);
                    return FAILED;
                });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        requireOptions();
        TransferSettings settings = TransferSettings.builder().size(size).iterations(warmup + iterations)
                .optimizer(optimizer).weights(weights).build();
        RgbImage content = SyntheticImages.content(size);
        RgbImage style = SyntheticImages.style(size);
        WeightsRepository repository = WeightsRepository.fromEnvironment();
        // as nst's service: random weights without a seed of their own take the run's seed
        Vgg19Weights network = repository.load(new WeightsSpec.Random(OptionalLong.of(weights.seedOr(settings.seed()))),
                settings.deepestLayer());
        LossWeights lossWeights = settings.lossWeights().resolve(network.recommendedLossWeights());

        TorchTransfer.Result torch = TorchTransfer.run(settings, network, lossWeights, content, style, threads, warmup);
        out.println(lossLine("losses", 0, torch.losses().get(0)));
        out.println(String.format(Locale.ROOT,
                "bench size=%d iterations=%d seconds_per_iteration=%.4f median=%.4f min=%.4f peak_rss_mib=%s backend=%s",
                size, torch.clock().timedIterations(), torch.clock().meanSeconds(), torch.clock().medianSeconds(),
                torch.clock().minSeconds(), torch.peakRssMib(), quoted(torch.backend())));
        if (!check) {
            return 0;
        }
        TransferSettings reference = TransferSettings.builder().size(size).iterations(checkIteration)
                .optimizer(optimizer).weights(weights).build();
        LossBreakdown[] nst = NstReference.losses(content, style, reference, repository, threads);
        boolean passed = compare(0, torch.losses().get(0), nst[0], true);
        if (checkIteration > 0) {
            compare(checkIteration, torch.losses().get(checkIteration), nst[checkIteration], false);
        }
        return passed ? 0 : CHECK_FAILED;
    }

    /** Prints nst's losses and the relative differences at {@code iteration}; whether they are within the limit. */
    private boolean compare(int iteration, LossBreakdown torch, LossBreakdown nst, boolean enforced) {
        LossCheck check = new LossCheck(torch, nst);
        if (iteration > 0) {
            out.println(lossLine("losses", iteration, torch));
        }
        out.println(lossLine("nst losses", iteration, nst));
        String verdict = !enforced ? "(not enforced)"
                : (check.withinLimit() ? "ok" : "FAILED") + String.format(Locale.ROOT, " (limit %.0e)", LossCheck.LIMIT);
        out.println(String.format(Locale.ROOT, "check iteration=%d relative_difference %s %s", iteration,
                check.differences(), verdict));
        return check.withinLimit();
    }

    private void requireOptions() {
        require(size > 0, "--size must be positive, got " + size);
        require(iterations >= 1, "--iterations must be at least 1, got " + iterations);
        require(warmup >= 0, "--warmup must be >= 0, got " + warmup);
        require(threads >= 1, "--threads must be at least 1, got " + threads);
        require(checkIteration >= 0 && checkIteration <= warmup + iterations,
                "--check-iteration must be between 0 and --warmup + --iterations, got " + checkIteration);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private static String lossLine(String label, int iteration, LossBreakdown loss) {
        return String.format(Locale.ROOT, "%s iteration=%d content=%.6e style=%.6e tv=%.6e total=%.6e", label, iteration,
                loss.content(), loss.style(), loss.tv(), loss.total());
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code lbfgs} or {@code adam}, as nst parses them. */
    static final class OptimizerOption implements CommandLine.ITypeConverter<OptimizerKind> {
        @Override
        public OptimizerKind convert(String value) {
            return OptimizerKind.parse(value);
        }
    }

    /** {@code random[:SEED]} as nst parses it: the weights this benchmark generates, with no file or download. */
    static final class WeightsOption implements CommandLine.ITypeConverter<WeightsSpec.Random> {
        @Override
        public WeightsSpec.Random convert(String value) {
            if (WeightsSpec.parse(value) instanceof WeightsSpec.Random random) {
                return random;
            }
            throw new CommandLine.TypeConversionException("only random[:SEED] weights are supported, got '" + value
                    + "'");
        }
    }
}
