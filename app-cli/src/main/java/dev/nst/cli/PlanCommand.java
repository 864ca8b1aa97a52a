package dev.nst.cli;

import dev.nst.core.domain.InsufficientMemoryException;
import dev.nst.core.port.in.TransferPlan;
import dev.nst.core.port.in.TransferSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nst plan}: what {@code nst transfer} with the same options would need and choose (peak host and device
 * memory, tiles, L-BFGS history, seconds per iteration), from the pictures' headers alone; nothing is decoded or run.
 * Exits 1 when the transfer would not fit.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Prints what a transfer with the same options would need and choose: peak memory, tiles, L-BFGS"
                + " history, seconds per iteration. Takes every option of nst transfer.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the transfer fits",
            "1:the transfer would not fit (the reason and the settings that would are printed)",
            "2:bad usage or bad input",
            "3:backend unavailable"})
final class PlanCommand implements Callable<Integer> {

    @Mixin
    TransferOptions options;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--output", paramLabel = "FILE", hidden = true,
            description = "Accepted and ignored, as every option of nst transfer that only concerns its output.")
    Path output;

    @Option(names = {"--bit-depth", "--jpeg-quality", "--save-every", "--print-every"}, paramLabel = "N",
            hidden = true, description = "Accepted and ignored.")
    Integer ignored;

    @Option(names = "--metrics", paramLabel = "FILE", hidden = true, description = "Accepted and ignored.")
    Path metrics;

    private final CliEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    PlanCommand(CliEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        TransferSettings settings = options.settings(environment);
        try (ServiceWiring.OpenService service = new ServiceWiring(environment, err).open(options.backendChoice)) {
            TransferPlan plan = service.planner().plan(options.planQuery(settings));
            Optional<String> refusal = refusal(plan);
            if (json) {
                out.println(PlanWording.json(plan, refusal));
            } else {
                out.print(PlanWording.table(plan));
                PlanWording.adjustment(plan).ifPresent(note -> out.println("note: " + note));
                out.println(refusal.map(reason -> "does not fit: " + reason).orElse("fits"));
            }
            return refusal.isPresent() ? FailureReporter.FAILED : 0;
        }
    }

    /** Why the transfer would be refused, in the CLI's words; empty when it fits. */
    private static Optional<String> refusal(TransferPlan plan) {
        try {
            plan.requireFits();
            return Optional.empty();
        } catch (InsufficientMemoryException e) {
            return Optional.of(CliWording.message(e));
        }
    }
}
