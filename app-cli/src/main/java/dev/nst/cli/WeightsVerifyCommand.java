package dev.nst.cli;

import dev.nst.core.domain.WeightsCorruptException;
import dev.nst.weights.Verification;
import dev.nst.weights.WeightsCache;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code nst weights verify}: re-hashes every cached file against its record. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Checks every file in nst's cache against the SHA-256 recorded when it was written; exits with 1"
                + " if any changed.")
final class WeightsVerifyCommand implements Callable<Integer> {

    private final CliEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    WeightsVerifyCommand(CliEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        WeightsCache cache = ServiceWiring.weightsRepository(environment, err).cache();
        List<Verification> results = cache.verify();
        if (results.isEmpty()) {
            out.println("no weights in " + cache.folder());
            return 0;
        }
        for (Verification result : results) {
            out.println(switch (result.status()) {
                case OK -> "ok          " + result.entry().name();
                case MISMATCH -> "CHANGED     " + result.entry().name() + ": " + result.entry().file() + " has sha256 "
                        + result.actualSha256() + ", recorded " + result.entry().sha256().orElseThrow();
                case UNRECORDED -> "unrecorded  " + result.entry().name() + ": " + result.entry().file()
                        + " has no record to check against";
            });
        }
        List<String> changed = results.stream().filter(r -> r.status() == Verification.Status.MISMATCH)
                .map(r -> r.entry().name()).collect(Collectors.toList());
        if (!changed.isEmpty()) {
            throw new WeightsCorruptException(changed.size() + " cached weights file(s) changed since they were"
                    + " recorded: " + String.join(", ", changed) + "; delete them from " + cache.folder()
                    + " and fetch or import them again");
        }
        return 0;
    }
}
