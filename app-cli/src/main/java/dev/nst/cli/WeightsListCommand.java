package dev.nst.cli;

import dev.nst.weights.CachedWeights;
import dev.nst.weights.WeightsCache;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code nst weights list}: what is in nst's cache. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists the weights in nst's cache: name, size, input convention, SHA-256 and source.")
final class WeightsListCommand implements Callable<Integer> {

    private final CliEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    WeightsListCommand(CliEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        WeightsCache cache = ServiceWiring.weightsRepository(environment, err).cache();
        List<CachedWeights> entries = cache.list();
        if (entries.isEmpty()) {
            out.println("no weights in " + cache.folder() + "; get some with 'nst weights fetch'");
            return 0;
        }
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(4);
        for (CachedWeights entry : entries) {
            out.println(String.format(Locale.ROOT, "%-" + width + "s  %9s  %-15s  sha256:%s  %s", entry.name(),
                    DownloadProgressPrinter.size(entry.size()), entry.preprocessing(),
                    entry.sha256().orElse("(unrecorded)"), source(entry)));
        }
        out.println("in " + cache.folder());
        return 0;
    }

    private static String source(CachedWeights entry) {
        String checksum = entry.sourceDigests().map(d -> ", md5:" + d.md5()).orElse("");
        return "from " + entry.source() + " (" + entry.sourceFormat() + checksum
                + (entry.isPublished() ? ", the published file" : "") + ")";
    }
}
