package dev.nst.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command; it only dispatches to its subcommands. */
@Command(name = "nst", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Neural style transfer (Gatys, Ecker & Bethge 2015) on the JVM.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the transfer failed or would not fit (e.g. not enough memory, cannot write the output), or weights have"
                    + " the wrong checksum",
            "2:bad usage or bad input (option, number, image, layer, backend name)",
            "3:backend or weights unavailable"})
final class NstCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: use transfer, plan, weights, info, backends or bench");
    }
}
