package dev.nst.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nst weights}: manages nst's cache of VGG19 weights; only dispatches to its subcommands. */
@Command(name = "weights", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Fetches, imports, lists, verifies and describes VGG19 weights.",
            "nst's cache is $NST_HOME/weights (default ~/.cache/nst/weights)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a download or cached file has the wrong checksum",
            "2:bad usage or bad input (unknown name, missing or unsupported file)",
            "3:the weights cannot be downloaded (offline, server error) or the cache cannot be written"})
final class WeightsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: use fetch, list, verify, import or info");
    }
}
