package dev.nst.cli;

import dev.nst.core.service.BackendRegistry;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code nst backends}: every backend this build knows, whether it can run here, and on what or why not. */
@Command(name = "backends", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists the compute backends and whether they can run on this machine.")
final class BackendsCommand implements Callable<Integer> {

    private final PrintStream out;

    BackendsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        for (BackendRegistry.BackendStatus status : BackendRegistry.discover().describe()) {
            out.println(status.name() + " " + (status.available() ? "available" : "unavailable") + ": " + status.detail());
        }
        return 0;
    }
}
