package dev.nst.cli;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Preprocessing;
import dev.nst.weights.WeightsFileInfo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code nst weights info FILE}: what a weights file holds. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Describes a weights file: format, convolutions and their shapes, parameter count, input"
                + " convention, default loss weights and checksums.")
final class WeightsInfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The weights file.")
    Path file;

    private final PrintStream out;

    WeightsInfoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        WeightsFileInfo info = WeightsFileInfo.of(file);
        LossWeights defaults = info.weights().recommendedLossWeights();
        out.println("file:           " + file);
        out.println("format:         " + info.format().description());
        out.println("published:      " + info.published().map(p -> p.id() + " (" + p.checksum() + ")")
                .orElse("no (not byte for byte a published file)"));
        out.println("preprocessing:  " + describe(info.weights().preprocessing()));
        out.println(String.format(Locale.ROOT, "loss weights:   content %.4g, style %.4g, tv %.4g (the defaults for"
                + " this input scale)", defaults.contentWeight(), defaults.styleWeight(), defaults.tvWeight()));
        out.println(String.format(Locale.ROOT, "parameters:     %,d in %d convolutions",
                info.weights().parameterCount(), info.weights().convolutions().size()));
        for (ConvWeights conv : info.weights().convolutions()) {
            out.println(String.format(Locale.ROOT, "  %-7s  %d x %d x 3 x 3, bias %d", conv.layer().id(),
                    conv.outChannels(), conv.inChannels(), conv.outChannels()));
        }
        out.println("md5:            " + info.digests().md5());
        out.println("sha256:         " + info.digests().sha256());
        return 0;
    }

    private static String describe(Preprocessing preprocessing) {
        return String.format(Locale.ROOT, "%s: %s, samples x %.6g, mean %s, std %s", preprocessing.name(),
                preprocessing.bgr() ? "BGR" : "RGB", preprocessing.inputScale(), list(preprocessing.mean()),
                list(preprocessing.std()));
    }

    private static String list(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(", "));
    }
}
