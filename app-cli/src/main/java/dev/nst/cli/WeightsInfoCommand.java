package dev.nst.cli;

import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Preprocessing;
import dev.nst.weights.WeightsFileInfo;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
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
        out.println("loss weights:   content " + compact(defaults.contentWeight()) + ", style "
                + compact(defaults.styleWeight()) + ", tv " + compact(defaults.tvWeight())
                + " (the defaults for this input scale)");
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
        return String.format(Locale.ROOT, "%s: %s, samples x %s, mean %s, std %s", preprocessing.name(),
                preprocessing.bgr() ? "BGR" : "RGB", compact(preprocessing.inputScale(), 6), list(preprocessing.mean()),
                list(preprocessing.std()));
    }

    private static String list(double[] values) {
        return Arrays.stream(values).mapToObj(v -> compact(v, 6)).collect(Collectors.joining(", "));
    }

    /** Four significant digits without trailing zeros: {@code 5}, {@code 0.001}, {@code 3.321}, {@code 1.661e+04}. */
    static String compact(double value) {
        return compact(value, 4);
    }

    private static String compact(double value, int digits) {
        double magnitude = Math.abs(value);
        if (value == 0 || (magnitude >= 1e-3 && magnitude < 1e4)) {
            return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
    }
}
